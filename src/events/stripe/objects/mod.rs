//! Typed Stripe objects, as found in an event's `data.object`.
//!
//! Only the commonly used fields are modelled; every other field is ignored, so new fields never
//! break a parse. Every field but `id` is optional or defaulted, because Stripe omits or nulls
//! fields depending on the API version, the expansion state and whether the object was deleted.
//! References to other objects are [`Expandable`](super::Expandable): an id, or the whole object
//! when the request that caused the event expanded it. Nested structures that are not modelled
//! field by field (merchant data, feature settings, preview-only details) are kept as
//! [`serde_json::Value`]. Fields named `type` on the wire are called `kind` here.
//!
//! Every object kind Stripe documents for an event's `data.object` has a struct here; a kind
//! Stripe adds later parses as [`Object::Other`](super::Object::Other).

mod billing;
mod checkout;
mod commerce;
mod connect;
mod customer;
mod files;
mod issuing;
mod legacy;
mod payments;
mod platform;
mod sources;
mod treasury;

pub use billing::{
    CancellationDetails, Coupon, CreditNote, Discount, DiscountSource, Interval, Invoice,
    InvoiceItem, InvoiceLineItem, InvoiceParent, InvoiceStatus, InvoiceStatusTransitions,
    InvoiceSubscriptionDetails, PauseCollection, Plan, Price, PriceType, Product, PromotionCode,
    Recurring, SchedulePhaseDates, Subscription, SubscriptionItem, SubscriptionSchedule,
    SubscriptionStatus, TaxId, TaxRate,
};
pub use checkout::{
    CheckoutCustomerDetails, CheckoutMode, CheckoutPaymentStatus, CheckoutSession,
    CheckoutSessionStatus, CheckoutTotalDetails,
};
pub use commerce::{
    AlertTriggered, BillingPortalConfiguration, BillingPortalSession, CashBalance,
    CreditBalanceTransaction, CreditGrant, CustomerCashBalanceTransaction, InvoicePayment, Meter,
    MeterErrorReport, PaymentLink, Quote,
};
pub use connect::{
    Account, AccountNotice, AccountRequirements, Application, ApplicationFee, Balance,
    BalanceAmount, BusinessProfile, Capability, FeeRefund, Payout, PayoutStatus, Person, Topup,
    Transfer,
};
pub use customer::{Customer, CustomerInvoiceSettings};
pub use files::File;
pub use issuing::{
    IssuerFraudRecord, IssuingAuthorization, IssuingCard, IssuingCardholder, IssuingDispute,
    IssuingDisputeSettlementDetail, IssuingFraudLiabilityDebit, IssuingPersonalizationDesign,
    IssuingSettlement, IssuingToken, IssuingTransaction,
};
pub use legacy::{
    BalanceSettings, Order, OrderReturn, Recipient, RedactionJob, ReserveHold, ReservePlan,
    ReserveRelease, Sku,
};
pub use payments::{
    ApiError, BalanceTransaction, Card, Charge, ChargeOutcome, ChargeStatus, CustomerAcceptance,
    Dispute, DisputeEvidenceDetails, DisputeStatus, EarlyFraudWarning, Mandate, PaymentIntent,
    PaymentIntentStatus, PaymentMethod, PaymentMethodDetails, Refund, RefundStatus, Review,
    SetupIntent, SetupIntentStatus, TransferData,
};
pub use platform::{
    ActiveEntitlementSummary, ClimateOrder, ClimateProduct, FinancialConnectionsAccount,
    FinancialConnectionsAuthorization, FinancialConnectionsSession, FinancingOffer,
    FinancingTransaction, IdentityVerificationSession, ReportRun, ReportType, ScheduledQueryRun,
    TaxForm, TaxSettings, TerminalReader, TestClock,
};
pub use sources::{
    BankAccount, Source, SourceMandateNotification, SourceOwner, SourceTransaction, StoredCard,
};
pub use treasury::{
    TreasuryCreditReversal, TreasuryDebitReversal, TreasuryFinancialAccount,
    TreasuryInboundTransfer, TreasuryOutboundPayment, TreasuryOutboundTransfer,
    TreasuryReceivedCredit, TreasuryReceivedDebit,
};

use super::common::HasId;

macro_rules! has_id {
    ($($ty:ty),* $(,)?) => {
        $(impl HasId for $ty {
            fn object_id(&self) -> Option<&str> {
                Some(&self.id)
            }
        })*
    };
}

has_id!(
    Account,
    AccountNotice,
    Application,
    ApplicationFee,
    BalanceTransaction,
    BankAccount,
    BillingPortalConfiguration,
    BillingPortalSession,
    Capability,
    Charge,
    CheckoutSession,
    ClimateOrder,
    ClimateProduct,
    Coupon,
    CreditBalanceTransaction,
    CreditGrant,
    CreditNote,
    Customer,
    CustomerCashBalanceTransaction,
    Dispute,
    EarlyFraudWarning,
    FeeRefund,
    File,
    FinancialConnectionsAccount,
    FinancialConnectionsAuthorization,
    FinancialConnectionsSession,
    FinancingOffer,
    FinancingTransaction,
    IdentityVerificationSession,
    InvoiceItem,
    InvoiceLineItem,
    InvoicePayment,
    IssuerFraudRecord,
    IssuingAuthorization,
    IssuingCard,
    IssuingCardholder,
    IssuingDispute,
    IssuingDisputeSettlementDetail,
    IssuingFraudLiabilityDebit,
    IssuingPersonalizationDesign,
    IssuingSettlement,
    IssuingToken,
    IssuingTransaction,
    Mandate,
    Meter,
    MeterErrorReport,
    Order,
    OrderReturn,
    PaymentIntent,
    PaymentLink,
    PaymentMethod,
    Payout,
    Person,
    Plan,
    Price,
    Product,
    PromotionCode,
    Quote,
    Recipient,
    RedactionJob,
    Refund,
    ReportRun,
    ReportType,
    ReserveHold,
    ReservePlan,
    ReserveRelease,
    Review,
    ScheduledQueryRun,
    SetupIntent,
    Sku,
    Source,
    SourceMandateNotification,
    SourceTransaction,
    StoredCard,
    Subscription,
    SubscriptionItem,
    SubscriptionSchedule,
    TaxForm,
    TaxId,
    TaxRate,
    TerminalReader,
    TestClock,
    Topup,
    Transfer,
    TreasuryCreditReversal,
    TreasuryDebitReversal,
    TreasuryFinancialAccount,
    TreasuryInboundTransfer,
    TreasuryOutboundPayment,
    TreasuryOutboundTransfer,
    TreasuryReceivedCredit,
    TreasuryReceivedDebit,
);

impl HasId for Invoice {
    fn object_id(&self) -> Option<&str> {
        self.id.as_deref()
    }
}

impl HasId for Discount {
    fn object_id(&self) -> Option<&str> {
        self.id.as_deref()
    }
}
