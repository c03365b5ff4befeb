//! Typed Stripe objects, as found in an event's `data.object`.
//!
//! Only the commonly used fields are modelled; every other field is ignored, so new fields never
//! break a parse. Every field but `id` is optional or defaulted, because Stripe omits or nulls
//! fields depending on the API version, the expansion state and whether the object was deleted.
//! References to other objects are [`Expandable`](super::Expandable): an id, or the whole object
//! when the request that caused the event expanded it. Fields named `type` on the wire are
//! called `kind` here.

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
    FinancialConnectionsSession, FinancingOffer, FinancingTransaction, IdentityVerificationSession,
    ReportRun, ReportType, ScheduledQueryRun, TaxForm, TaxSettings, TerminalReader, TestClock,
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
    ReserveHold,
    ReservePlan,
    ReserveRelease,
    RedactionJob,
    Order,
    OrderReturn,
    Sku,
    Recipient,
    IssuingAuthorization,
    IssuingCard,
    IssuingCardholder,
    IssuingDispute,
    IssuingTransaction,
    IssuingToken,
    IssuingPersonalizationDesign,
    IssuingSettlement,
    IssuingDisputeSettlementDetail,
    IssuingFraudLiabilityDebit,
    IssuerFraudRecord,
    TreasuryFinancialAccount,
    TreasuryInboundTransfer,
    TreasuryOutboundPayment,
    TreasuryOutboundTransfer,
    TreasuryReceivedCredit,
    TreasuryReceivedDebit,
    TreasuryCreditReversal,
    TreasuryDebitReversal,
    IdentityVerificationSession,
    ReportRun,
    ReportType,
    ScheduledQueryRun,
    TerminalReader,
    TestClock,
    FinancialConnectionsAccount,
    FinancialConnectionsSession,
    ClimateOrder,
    ClimateProduct,
    TaxForm,
    FinancingOffer,
    FinancingTransaction,
    BillingPortalConfiguration,
    BillingPortalSession,
    Meter,
    MeterErrorReport,
    CreditGrant,
    CreditBalanceTransaction,
    Quote,
    PaymentLink,
    InvoicePayment,
    CustomerCashBalanceTransaction,
    Account,
    AccountNotice,
    Application,
    ApplicationFee,
    BankAccount,
    Capability,
    FeeRefund,
    Person,
    Review,
    Source,
    SourceMandateNotification,
    SourceTransaction,
    StoredCard,
    Topup,
    BalanceTransaction,
    Charge,
    CheckoutSession,
    Coupon,
    CreditNote,
    Customer,
    Dispute,
    EarlyFraudWarning,
    File,
    InvoiceItem,
    InvoiceLineItem,
    Mandate,
    PaymentIntent,
    PaymentMethod,
    Payout,
    Plan,
    Price,
    Product,
    PromotionCode,
    Refund,
    SetupIntent,
    Subscription,
    SubscriptionItem,
    SubscriptionSchedule,
    TaxId,
    TaxRate,
    Transfer,
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
