//! [`EventType`]: every event type Stripe documents, by its wire name.
//!
//! The list is the union of the `enabled_events` values of Stripe's OpenAPI specification
//! (current, preview and older API versions, so that events of endpoints pinned to an old
//! version are still recognised). A type missing here parses as [`EventType::Other`].

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! event_types {
    ($($variant:ident = $name:literal,)*) => {
        /// The `type` of a Stripe event, e.g. `payment_intent.succeeded`.
        ///
        /// [`EventType::as_str`] and `Display` give back the wire name, also for
        /// [`EventType::Other`]; [`EventType::from_name`] (and `From<&str>`, `FromStr`,
        /// `Deserialize`) never fail.
        ///
        /// ```
        /// use webhook_guard::events::stripe::EventType;
        ///
        /// let known = EventType::from_name("payment_intent.succeeded");
        /// assert_eq!(known, EventType::PaymentIntentSucceeded);
        /// assert_eq!(known.to_string(), "payment_intent.succeeded");
        ///
        /// let new = EventType::from_name("payment_intent.teleported");
        /// assert_eq!(new, EventType::Other("payment_intent.teleported".to_owned()));
        /// assert_eq!(new.as_str(), "payment_intent.teleported");
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum EventType {
            $(
                #[doc = concat!("`", $name, "`")]
                $variant,
            )*
            /// A type this crate does not know, with its wire name. Only produced for names
            /// outside [`NAMES`]: build values with [`EventType::from_name`], not by hand.
            Other(String),
        }

        /// The wire name of every known event type, sorted.
        pub const NAMES: &[&str] = &[$($name,)*];

        /// The known variants, in the order of [`NAMES`].
        const KNOWN: &[EventType] = &[$(EventType::$variant,)*];

        impl EventType {
            /// The wire name, e.g. `"customer.subscription.updated"`.
            pub fn as_str(&self) -> &str {
                match self {
                    $(EventType::$variant => $name,)*
                    EventType::Other(name) => name,
                }
            }
        }
    };
}

impl EventType {
    /// The event type named `name`; [`EventType::Other`] when the name is not a known one.
    pub fn from_name(name: &str) -> Self {
        match lookup(name).and_then(|index| KNOWN.get(index)) {
            Some(known) => known.clone(),
            None => EventType::Other(name.to_owned()),
        }
    }

    /// Whether this is a known type (not [`EventType::Other`]).
    pub fn is_known(&self) -> bool {
        !matches!(self, EventType::Other(_))
    }
}

/// Slots of the name table: a power of two over three times the number of names, so that
/// probes are short and there is always an empty slot to end a miss.
const SLOTS: usize = 1024;

/// Open-addressed hash table of [`NAMES`], built at compile time: each slot holds a name's
/// index plus one, or 0 when empty. A lookup is one FNV-1a hash and, nearly always, one string
/// comparison (a binary search over the 300-odd names took nine).
// Indexing in a constant: an out-of-range index would fail the build, never a request.
#[allow(clippy::indexing_slicing)]
const TABLE: [u16; SLOTS] = {
    assert!(NAMES.len() < SLOTS / 2 && NAMES.len() < u16::MAX as usize);
    let mut table = [0u16; SLOTS];
    let mut index = 0;
    while index < NAMES.len() {
        let name = NAMES[index].as_bytes();
        let mut hash = 0x811c_9dc5_u32;
        let mut at = 0;
        while at < name.len() {
            hash = (hash ^ name[at] as u32).wrapping_mul(0x0100_0193);
            at += 1;
        }
        let mut slot = hash as usize % SLOTS;
        while table[slot] != 0 {
            slot = (slot + 1) % SLOTS;
        }
        table[slot] = index as u16 + 1;
        index += 1;
    }
    table
};

/// The index in [`NAMES`] of `name`.
fn lookup(name: &str) -> Option<usize> {
    let hash = name.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    let mut slot = usize::try_from(hash).ok()? % SLOTS;
    // At most every slot once; the table is never full, so a miss ends at an empty slot.
    for _ in 0..SLOTS {
        let index = usize::from(TABLE.get(slot)?.checked_sub(1)?);
        if NAMES.get(index) == Some(&name) {
            return Some(index);
        }
        slot = (slot + 1) % SLOTS;
    }
    None
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for EventType {
    fn from(name: &str) -> Self {
        EventType::from_name(name)
    }
}

impl FromStr for EventType {
    type Err = std::convert::Infallible;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Ok(EventType::from_name(name))
    }
}

impl Serialize for EventType {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EventType {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = EventType;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an event type string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<EventType, E> {
                Ok(EventType::from_name(v))
            }
        }
        d.deserialize_str(V)
    }
}

event_types! {
    AccountApplicationAuthorized = "account.application.authorized",
    AccountApplicationDeauthorized = "account.application.deauthorized",
    AccountExternalAccountCreated = "account.external_account.created",
    AccountExternalAccountDeleted = "account.external_account.deleted",
    AccountExternalAccountUpdated = "account.external_account.updated",
    AccountUpdated = "account.updated",
    AccountNoticeCreated = "account_notice.created",
    AccountNoticeUpdated = "account_notice.updated",
    ApplicationFeeCreated = "application_fee.created",
    ApplicationFeeRefundUpdated = "application_fee.refund.updated",
    ApplicationFeeRefunded = "application_fee.refunded",
    BalanceAvailable = "balance.available",
    BalanceSettingsUpdated = "balance_settings.updated",
    BillingAlertTriggered = "billing.alert.triggered",
    BillingCreditBalanceTransactionCreated = "billing.credit_balance_transaction.created",
    BillingCreditGrantCreated = "billing.credit_grant.created",
    BillingCreditGrantUpdated = "billing.credit_grant.updated",
    BillingMeterCreated = "billing.meter.created",
    BillingMeterDeactivated = "billing.meter.deactivated",
    BillingMeterReactivated = "billing.meter.reactivated",
    BillingMeterUpdated = "billing.meter.updated",
    BillingMeterErrorReportTriggered = "billing.meter_error_report.triggered",
    BillingPortalConfigurationCreated = "billing_portal.configuration.created",
    BillingPortalConfigurationUpdated = "billing_portal.configuration.updated",
    BillingPortalSessionCreated = "billing_portal.session.created",
    CapabilityUpdated = "capability.updated",
    CapitalFinancingOfferAccepted = "capital.financing_offer.accepted",
    CapitalFinancingOfferCanceled = "capital.financing_offer.canceled",
    CapitalFinancingOfferCreated = "capital.financing_offer.created",
    CapitalFinancingOfferExpired = "capital.financing_offer.expired",
    CapitalFinancingOfferFullyRepaid = "capital.financing_offer.fully_repaid",
    CapitalFinancingOfferPaidOut = "capital.financing_offer.paid_out",
    CapitalFinancingOfferRejected = "capital.financing_offer.rejected",
    CapitalFinancingOfferReplacementCreated = "capital.financing_offer.replacement_created",
    CapitalFinancingTransactionCreated = "capital.financing_transaction.created",
    CashBalanceFundsAvailable = "cash_balance.funds_available",
    ChargeCaptured = "charge.captured",
    ChargeDisputeClosed = "charge.dispute.closed",
    ChargeDisputeCreated = "charge.dispute.created",
    ChargeDisputeFundsReinstated = "charge.dispute.funds_reinstated",
    ChargeDisputeFundsWithdrawn = "charge.dispute.funds_withdrawn",
    ChargeDisputeUpdated = "charge.dispute.updated",
    ChargeExpired = "charge.expired",
    ChargeFailed = "charge.failed",
    ChargePending = "charge.pending",
    ChargeRefundUpdated = "charge.refund.updated",
    ChargeRefunded = "charge.refunded",
    ChargeSucceeded = "charge.succeeded",
    ChargeUpdated = "charge.updated",
    CheckoutSessionAsyncPaymentFailed = "checkout.session.async_payment_failed",
    CheckoutSessionAsyncPaymentSucceeded = "checkout.session.async_payment_succeeded",
    CheckoutSessionCompleted = "checkout.session.completed",
    CheckoutSessionExpired = "checkout.session.expired",
    ClimateOrderCanceled = "climate.order.canceled",
    ClimateOrderCreated = "climate.order.created",
    ClimateOrderDelayed = "climate.order.delayed",
    ClimateOrderDelivered = "climate.order.delivered",
    ClimateOrderProductSubstituted = "climate.order.product_substituted",
    ClimateProductCreated = "climate.product.created",
    ClimateProductPricingUpdated = "climate.product.pricing_updated",
    CouponCreated = "coupon.created",
    CouponDeleted = "coupon.deleted",
    CouponUpdated = "coupon.updated",
    CreditNoteCreated = "credit_note.created",
    CreditNoteUpdated = "credit_note.updated",
    CreditNoteVoided = "credit_note.voided",
    CustomerCreated = "customer.created",
    CustomerDeleted = "customer.deleted",
    CustomerDiscountCreated = "customer.discount.created",
    CustomerDiscountDeleted = "customer.discount.deleted",
    CustomerDiscountUpdated = "customer.discount.updated",
    CustomerSourceCreated = "customer.source.created",
    CustomerSourceDeleted = "customer.source.deleted",
    CustomerSourceExpiring = "customer.source.expiring",
    CustomerSourceUpdated = "customer.source.updated",
    CustomerSubscriptionCollectionPaused = "customer.subscription.collection_paused",
    CustomerSubscriptionCollectionResumed = "customer.subscription.collection_resumed",
    CustomerSubscriptionCreated = "customer.subscription.created",
    CustomerSubscriptionCustomEvent = "customer.subscription.custom_event",
    CustomerSubscriptionDeleted = "customer.subscription.deleted",
    CustomerSubscriptionPaused = "customer.subscription.paused",
    CustomerSubscriptionPendingUpdateApplied = "customer.subscription.pending_update_applied",
    CustomerSubscriptionPendingUpdateExpired = "customer.subscription.pending_update_expired",
    CustomerSubscriptionPriceMigrationFailed = "customer.subscription.price_migration_failed",
    CustomerSubscriptionResumed = "customer.subscription.resumed",
    CustomerSubscriptionTrialWillEnd = "customer.subscription.trial_will_end",
    CustomerSubscriptionUpdated = "customer.subscription.updated",
    CustomerTaxIdCreated = "customer.tax_id.created",
    CustomerTaxIdDeleted = "customer.tax_id.deleted",
    CustomerTaxIdUpdated = "customer.tax_id.updated",
    CustomerUpdated = "customer.updated",
    CustomerCashBalanceTransactionCreated = "customer_cash_balance_transaction.created",
    EntitlementsActiveEntitlementSummaryUpdated = "entitlements.active_entitlement_summary.updated",
    FileCreated = "file.created",
    FinancialConnectionsAccountAccountNumbersUpdated = "financial_connections.account.account_numbers_updated",
    FinancialConnectionsAccountCreated = "financial_connections.account.created",
    FinancialConnectionsAccountDeactivated = "financial_connections.account.deactivated",
    FinancialConnectionsAccountDisconnected = "financial_connections.account.disconnected",
    FinancialConnectionsAccountExpectedDeactivationDateUpdated = "financial_connections.account.expected_deactivation_date_updated",
    FinancialConnectionsAccountReactivated = "financial_connections.account.reactivated",
    FinancialConnectionsAccountRefreshedBalance = "financial_connections.account.refreshed_balance",
    FinancialConnectionsAccountRefreshedInferredBalances = "financial_connections.account.refreshed_inferred_balances",
    FinancialConnectionsAccountRefreshedOwnership = "financial_connections.account.refreshed_ownership",
    FinancialConnectionsAccountRefreshedTransactions = "financial_connections.account.refreshed_transactions",
    FinancialConnectionsAccountSupportedPaymentMethodTypesUpdated = "financial_connections.account.supported_payment_method_types_updated",
    FinancialConnectionsAccountUpcomingAccountNumberExpiry = "financial_connections.account.upcoming_account_number_expiry",
    FinancialConnectionsAccountUpcomingDeactivation = "financial_connections.account.upcoming_deactivation",
    FinancialConnectionsAuthorizationExpectedDeactivationDateUpdated = "financial_connections.authorization.expected_deactivation_date_updated",
    FinancialConnectionsAuthorizationUpcomingDeactivation = "financial_connections.authorization.upcoming_deactivation",
    FinancialConnectionsSessionUpdated = "financial_connections.session.updated",
    IdentityVerificationSessionCanceled = "identity.verification_session.canceled",
    IdentityVerificationSessionCreated = "identity.verification_session.created",
    IdentityVerificationSessionProcessing = "identity.verification_session.processing",
    IdentityVerificationSessionRedacted = "identity.verification_session.redacted",
    IdentityVerificationSessionRequiresInput = "identity.verification_session.requires_input",
    IdentityVerificationSessionVerified = "identity.verification_session.verified",
    InvoiceCreated = "invoice.created",
    InvoiceDeleted = "invoice.deleted",
    InvoiceFinalizationFailed = "invoice.finalization_failed",
    InvoiceFinalized = "invoice.finalized",
    InvoiceMarkedUncollectible = "invoice.marked_uncollectible",
    InvoiceOverdue = "invoice.overdue",
    InvoiceOverpaid = "invoice.overpaid",
    InvoicePaid = "invoice.paid",
    InvoicePaymentOverpaid = "invoice.payment.overpaid",
    InvoicePaymentActionRequired = "invoice.payment_action_required",
    InvoicePaymentAttemptRequired = "invoice.payment_attempt_required",
    InvoicePaymentFailed = "invoice.payment_failed",
    InvoicePaymentSucceeded = "invoice.payment_succeeded",
    InvoiceSent = "invoice.sent",
    InvoiceUpcoming = "invoice.upcoming",
    InvoiceUpdated = "invoice.updated",
    InvoiceVoided = "invoice.voided",
    InvoiceWillBeDue = "invoice.will_be_due",
    InvoicePaymentPaid = "invoice_payment.paid",
    InvoiceitemCreated = "invoiceitem.created",
    InvoiceitemDeleted = "invoiceitem.deleted",
    InvoiceitemUpdated = "invoiceitem.updated",
    IssuerFraudRecordCreated = "issuer_fraud_record.created",
    IssuingAuthorizationCreated = "issuing_authorization.created",
    IssuingAuthorizationRequest = "issuing_authorization.request",
    IssuingAuthorizationUpdated = "issuing_authorization.updated",
    IssuingCardCreated = "issuing_card.created",
    IssuingCardUpdated = "issuing_card.updated",
    IssuingCardholderCreated = "issuing_cardholder.created",
    IssuingCardholderUpdated = "issuing_cardholder.updated",
    IssuingDisputeClosed = "issuing_dispute.closed",
    IssuingDisputeCreated = "issuing_dispute.created",
    IssuingDisputeFundsReinstated = "issuing_dispute.funds_reinstated",
    IssuingDisputeFundsRescinded = "issuing_dispute.funds_rescinded",
    IssuingDisputeSubmitted = "issuing_dispute.submitted",
    IssuingDisputeUpdated = "issuing_dispute.updated",
    IssuingDisputeSettlementDetailCreated = "issuing_dispute_settlement_detail.created",
    IssuingDisputeSettlementDetailUpdated = "issuing_dispute_settlement_detail.updated",
    IssuingFraudLiabilityDebitCreated = "issuing_fraud_liability_debit.created",
    IssuingPersonalizationDesignActivated = "issuing_personalization_design.activated",
    IssuingPersonalizationDesignDeactivated = "issuing_personalization_design.deactivated",
    IssuingPersonalizationDesignRejected = "issuing_personalization_design.rejected",
    IssuingPersonalizationDesignUpdated = "issuing_personalization_design.updated",
    IssuingSettlementCreated = "issuing_settlement.created",
    IssuingSettlementUpdated = "issuing_settlement.updated",
    IssuingTokenCreated = "issuing_token.created",
    IssuingTokenUpdated = "issuing_token.updated",
    IssuingTransactionCreated = "issuing_transaction.created",
    IssuingTransactionPurchaseDetailsReceiptUpdated = "issuing_transaction.purchase_details_receipt_updated",
    IssuingTransactionUpdated = "issuing_transaction.updated",
    MandateUpdated = "mandate.updated",
    OrderCreated = "order.created",
    OrderPaymentFailed = "order.payment_failed",
    OrderPaymentSucceeded = "order.payment_succeeded",
    OrderUpdated = "order.updated",
    OrderReturnCreated = "order_return.created",
    PaymentIntentAmountCapturableUpdated = "payment_intent.amount_capturable_updated",
    PaymentIntentCanceled = "payment_intent.canceled",
    PaymentIntentCreated = "payment_intent.created",
    PaymentIntentPartiallyFunded = "payment_intent.partially_funded",
    PaymentIntentPaymentFailed = "payment_intent.payment_failed",
    PaymentIntentProcessing = "payment_intent.processing",
    PaymentIntentRequiresAction = "payment_intent.requires_action",
    PaymentIntentSucceeded = "payment_intent.succeeded",
    PaymentLinkCreated = "payment_link.created",
    PaymentLinkUpdated = "payment_link.updated",
    PaymentMethodAttached = "payment_method.attached",
    PaymentMethodAutomaticallyUpdated = "payment_method.automatically_updated",
    PaymentMethodCardAutomaticallyUpdated = "payment_method.card_automatically_updated",
    PaymentMethodDetached = "payment_method.detached",
    PaymentMethodUpdated = "payment_method.updated",
    PayoutCanceled = "payout.canceled",
    PayoutCreated = "payout.created",
    PayoutFailed = "payout.failed",
    PayoutPaid = "payout.paid",
    PayoutReconciliationCompleted = "payout.reconciliation_completed",
    PayoutUpdated = "payout.updated",
    PersonCreated = "person.created",
    PersonDeleted = "person.deleted",
    PersonUpdated = "person.updated",
    Ping = "ping",
    PlanCreated = "plan.created",
    PlanDeleted = "plan.deleted",
    PlanUpdated = "plan.updated",
    PriceCreated = "price.created",
    PriceDeleted = "price.deleted",
    PriceUpdated = "price.updated",
    PrivacyRedactionJobCanceled = "privacy.redaction_job.canceled",
    PrivacyRedactionJobCreated = "privacy.redaction_job.created",
    PrivacyRedactionJobReady = "privacy.redaction_job.ready",
    PrivacyRedactionJobSucceeded = "privacy.redaction_job.succeeded",
    PrivacyRedactionJobValidationError = "privacy.redaction_job.validation_error",
    ProductCreated = "product.created",
    ProductDeleted = "product.deleted",
    ProductUpdated = "product.updated",
    PromotionCodeCreated = "promotion_code.created",
    PromotionCodeUpdated = "promotion_code.updated",
    QuoteAcceptFailed = "quote.accept_failed",
    QuoteAccepted = "quote.accepted",
    QuoteAccepting = "quote.accepting",
    QuoteCanceled = "quote.canceled",
    QuoteCreated = "quote.created",
    QuoteDraft = "quote.draft",
    QuoteFinalized = "quote.finalized",
    QuoteReestimateFailed = "quote.reestimate_failed",
    QuoteReestimated = "quote.reestimated",
    QuoteStale = "quote.stale",
    RadarEarlyFraudWarningCreated = "radar.early_fraud_warning.created",
    RadarEarlyFraudWarningUpdated = "radar.early_fraud_warning.updated",
    RecipientCreated = "recipient.created",
    RecipientDeleted = "recipient.deleted",
    RecipientUpdated = "recipient.updated",
    RefundCreated = "refund.created",
    RefundFailed = "refund.failed",
    RefundUpdated = "refund.updated",
    ReportingReportRunFailed = "reporting.report_run.failed",
    ReportingReportRunSucceeded = "reporting.report_run.succeeded",
    ReportingReportTypeUpdated = "reporting.report_type.updated",
    ReserveHoldCreated = "reserve.hold.created",
    ReserveHoldUpdated = "reserve.hold.updated",
    ReservePlanCreated = "reserve.plan.created",
    ReservePlanDisabled = "reserve.plan.disabled",
    ReservePlanExpired = "reserve.plan.expired",
    ReservePlanUpdated = "reserve.plan.updated",
    ReserveReleaseCreated = "reserve.release.created",
    ReviewClosed = "review.closed",
    ReviewOpened = "review.opened",
    SetupIntentCanceled = "setup_intent.canceled",
    SetupIntentCreated = "setup_intent.created",
    SetupIntentRequiresAction = "setup_intent.requires_action",
    SetupIntentSetupFailed = "setup_intent.setup_failed",
    SetupIntentSucceeded = "setup_intent.succeeded",
    SigmaScheduledQueryRunCreated = "sigma.scheduled_query_run.created",
    SkuCreated = "sku.created",
    SkuDeleted = "sku.deleted",
    SkuUpdated = "sku.updated",
    SourceCanceled = "source.canceled",
    SourceChargeable = "source.chargeable",
    SourceFailed = "source.failed",
    SourceMandateNotification = "source.mandate_notification",
    SourceRefundAttributesRequired = "source.refund_attributes_required",
    SourceTransactionCreated = "source.transaction.created",
    SourceTransactionUpdated = "source.transaction.updated",
    SubscriptionScheduleAborted = "subscription_schedule.aborted",
    SubscriptionScheduleCanceled = "subscription_schedule.canceled",
    SubscriptionScheduleCompleted = "subscription_schedule.completed",
    SubscriptionScheduleCreated = "subscription_schedule.created",
    SubscriptionScheduleExpiring = "subscription_schedule.expiring",
    SubscriptionSchedulePriceMigrationFailed = "subscription_schedule.price_migration_failed",
    SubscriptionScheduleReleased = "subscription_schedule.released",
    SubscriptionScheduleUpdated = "subscription_schedule.updated",
    TaxFormUpdated = "tax.form.updated",
    TaxSettingsUpdated = "tax.settings.updated",
    TaxRateCreated = "tax_rate.created",
    TaxRateUpdated = "tax_rate.updated",
    TerminalReaderActionFailed = "terminal.reader.action_failed",
    TerminalReaderActionSucceeded = "terminal.reader.action_succeeded",
    TerminalReaderActionUpdated = "terminal.reader.action_updated",
    TestHelpersTestClockAdvancing = "test_helpers.test_clock.advancing",
    TestHelpersTestClockCreated = "test_helpers.test_clock.created",
    TestHelpersTestClockDeleted = "test_helpers.test_clock.deleted",
    TestHelpersTestClockInternalFailure = "test_helpers.test_clock.internal_failure",
    TestHelpersTestClockReady = "test_helpers.test_clock.ready",
    TopupCanceled = "topup.canceled",
    TopupCreated = "topup.created",
    TopupFailed = "topup.failed",
    TopupReversed = "topup.reversed",
    TopupSucceeded = "topup.succeeded",
    TransferCreated = "transfer.created",
    TransferFailed = "transfer.failed",
    TransferPaid = "transfer.paid",
    TransferReversed = "transfer.reversed",
    TransferUpdated = "transfer.updated",
    TreasuryCreditReversalCreated = "treasury.credit_reversal.created",
    TreasuryCreditReversalPosted = "treasury.credit_reversal.posted",
    TreasuryDebitReversalCompleted = "treasury.debit_reversal.completed",
    TreasuryDebitReversalCreated = "treasury.debit_reversal.created",
    TreasuryDebitReversalInitialCreditGranted = "treasury.debit_reversal.initial_credit_granted",
    TreasuryFinancialAccountClosed = "treasury.financial_account.closed",
    TreasuryFinancialAccountCreated = "treasury.financial_account.created",
    TreasuryFinancialAccountFeaturesStatusUpdated = "treasury.financial_account.features_status_updated",
    TreasuryInboundTransferCanceled = "treasury.inbound_transfer.canceled",
    TreasuryInboundTransferCreated = "treasury.inbound_transfer.created",
    TreasuryInboundTransferFailed = "treasury.inbound_transfer.failed",
    TreasuryInboundTransferSucceeded = "treasury.inbound_transfer.succeeded",
    TreasuryOutboundPaymentCanceled = "treasury.outbound_payment.canceled",
    TreasuryOutboundPaymentCreated = "treasury.outbound_payment.created",
    TreasuryOutboundPaymentExpectedArrivalDateUpdated = "treasury.outbound_payment.expected_arrival_date_updated",
    TreasuryOutboundPaymentFailed = "treasury.outbound_payment.failed",
    TreasuryOutboundPaymentPosted = "treasury.outbound_payment.posted",
    TreasuryOutboundPaymentReturned = "treasury.outbound_payment.returned",
    TreasuryOutboundPaymentTrackingDetailsUpdated = "treasury.outbound_payment.tracking_details_updated",
    TreasuryOutboundTransferCanceled = "treasury.outbound_transfer.canceled",
    TreasuryOutboundTransferCreated = "treasury.outbound_transfer.created",
    TreasuryOutboundTransferExpectedArrivalDateUpdated = "treasury.outbound_transfer.expected_arrival_date_updated",
    TreasuryOutboundTransferFailed = "treasury.outbound_transfer.failed",
    TreasuryOutboundTransferPosted = "treasury.outbound_transfer.posted",
    TreasuryOutboundTransferReturned = "treasury.outbound_transfer.returned",
    TreasuryOutboundTransferTrackingDetailsUpdated = "treasury.outbound_transfer.tracking_details_updated",
    TreasuryReceivedCreditCreated = "treasury.received_credit.created",
    TreasuryReceivedCreditFailed = "treasury.received_credit.failed",
    TreasuryReceivedCreditSucceeded = "treasury.received_credit.succeeded",
    TreasuryReceivedDebitCreated = "treasury.received_debit.created",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_sorted_unique_and_round_trip() {
        assert!(NAMES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(NAMES.len(), KNOWN.len());
        for (name, known) in NAMES.iter().zip(KNOWN) {
            let parsed = EventType::from_name(name);
            assert_eq!(&parsed, known);
            assert!(parsed.is_known());
            assert_eq!(parsed.as_str(), *name);
            assert_eq!(parsed.to_string(), *name);
        }
    }

    #[test]
    fn unknown_names_are_kept() {
        for name in [
            "",
            "charge",
            "charge.succeeded.",
            "v2.core.event",
            "Charge.Succeeded",
        ] {
            let parsed = EventType::from_name(name);
            assert_eq!(parsed, EventType::Other(name.to_owned()));
            assert_eq!(parsed.as_str(), name);
        }
    }
}
