#pragma once

#include <string>

namespace els::kiosk {

// What the kiosk screen shows. The session core fills a ScreenState; the UI only renders it,
// so every decision about what a student sees is made (and tested) without a screen.
enum class Screen {
    Idle,
    Reading,
    Problem,
    ConfirmOrder,
    OrderInProgress,
    Ready,
    ExistingOrder,
    ConfirmCancel,
    ConfirmRevoke,
    ReaderMissing,
    ServiceUnavailable,
    Goodbye,
    OutOfService, // the kiosk itself is broken (configuration, secret): for a technician
    // The session ended with an order sent (card pulled, USOS failing, deadline passed): the
    // order exists, its last known status, and how to get it later. Nothing personal.
    OrderSent,
    // The session is over but a legitymacja is still in the reader: take it (nothing personal).
    TakeCard,
};

// Things a student can act on; each has a PL/EN sentence saying what happened and what to do.
enum class Problem {
    None,
    CardRemoved,
    CardUnreadable,
    NotElsCard,
    SignatureInvalid,
    ChipMismatch, // the chip did not answer with the signed serial: a copied card
    CardNotExtended,
    CardNotExtendedInUsos,
    DataChanged,
    SurnameChanged,
    GivenNamesChanged,
    CardUnknown,
    StudentInactive,
    NoPesel,
    NoAlbumNumber,
    NoPhoto,
    CodeNeedsEmail, // the activation code goes by e-mail only and USOS has no address
    ReorderLimit,   // the revoke-and-reorder limit of the day is reached ([clone])
    UsosRefused,    // shown with USOS's own why_cannot_order text (ScreenState::usosReason)
    OrderFailed,
    ReaderMissing,
    ServiceUnavailable,
    Internal,
};

struct LocalizedText {
    std::string pl;
    std::string en;

    bool operator==(const LocalizedText&) const = default;
};

// What the student may tap on the current screen. Decided by the session engine alone; the
// screen model and kioskctl only show (and forward) what is offered here.
struct Offer {
    bool order = false;    // ConfirmOrder: order the mLegitymacja
    bool confirm = false;  // ConfirmCancel / ConfirmRevoke: yes
    bool back = false;     // ConfirmCancel / ConfirmRevoke: no, back to the order
    bool cancel = false;   // a pending / in-progress order
    bool revoke = false;   // an issued (ready / received) order, card still in
    bool done = false;     // end the session now
    bool moreTime = false; // restart this screen's countdown or idle timeout

    bool operator==(const Offer&) const = default;
};

// The only personal datum is the first name; the token and activation code belong to the
// order and live only as long as the session that shows them.
struct ScreenState {
    Screen screen = Screen::Idle;
    Problem problem = Problem::None;
    LocalizedText usosReason;
    std::string firstName;
    std::string orderStatus;    // pending, in_progress, ready, received, error, cancelled, revoked
    std::string orderDate;      // ISO 8601 date (YYYY-MM-DD) as USOS returns it
    std::string expirationDate; // ISO 8601 date, shown as "Termin ważności"
    std::string token;          // the QR payload, exactly as issued
    std::string activationCode;
    LocalizedText codeNote; // instead of activationCode: where it went (StudentResult::codeNote)
    Offer offer;
    // Seconds until the screen ends on its own: always on the countdown screens (Ready, Goodbye,
    // OrderSent); on the other timed screens only within the warning before the idle timeout.
    int secondsLeft = 0;
    // The screen ends soon (WCAG 2.2.1): show and say so, with "more time" when offered.
    bool warning = false;
    // TakeCard: how many "card still in" alerts have been raised (0: none yet); each new one is
    // a sound.
    int cardAlerts = 0;
    std::string errorCode; // OutOfService: the technician's code (never personal)

    bool operator==(const ScreenState&) const = default;
};

} // namespace els::kiosk
