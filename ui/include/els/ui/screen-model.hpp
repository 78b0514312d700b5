#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <els/kiosk/screen-state.hpp>

namespace els::ui {

// The one object QML binds to. The session core calls apply() with a new ScreenState; QML
// calls the action invokables, which only emit *Requested signals for the core to act on.
// Localised texts follow the current language; decisions stay in C++.
class ScreenModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ScreenModel is owned by the kiosk core")
    // Screen and Problem share value names (ReaderMissing, ...): QML names them scoped,
    // e.g. ScreenModel.Screen.Ready.
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")

    Q_PROPERTY(Screen screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)
    Q_PROPERTY(Problem problem READ problem NOTIFY contentChanged)
    Q_PROPERTY(QString problemTitle READ problemTitle NOTIFY contentChanged)
    Q_PROPERTY(QString problemAdvice READ problemAdvice NOTIFY contentChanged)
    // Below the advice: where to get help when the advice is USOS's own reason; else empty.
    Q_PROPERTY(QString problemHint READ problemHint NOTIFY contentChanged)
    Q_PROPERTY(QStringList mObywatelSteps READ mObywatelSteps NOTIFY contentChanged)
    Q_PROPERTY(QString firstName READ firstName NOTIFY contentChanged)
    Q_PROPERTY(QString orderStatus READ orderStatus NOTIFY contentChanged)
    Q_PROPERTY(QString orderStatusText READ orderStatusText NOTIFY contentChanged)
    Q_PROPERTY(int orderStep READ orderStep NOTIFY contentChanged)
    // Goodbye: what the session achieved ("Zamówienie anulowane") or a neutral goodbye; a ✓
    // and thanks only for a success (kiosk::goodbyeText).
    Q_PROPERTY(QString goodbyeTitle READ goodbyeTitle NOTIFY contentChanged)
    Q_PROPERTY(QString goodbyeBody READ goodbyeBody NOTIFY contentChanged)
    Q_PROPERTY(bool goodbyeSuccess READ goodbyeSuccess NOTIFY contentChanged)
    Q_PROPERTY(QString orderDate READ orderDate NOTIFY contentChanged)
    Q_PROPERTY(QString expirationDate READ expirationDate NOTIFY contentChanged)
    Q_PROPERTY(QString activationCode READ activationCode NOTIFY contentChanged)
    Q_PROPERTY(QString activationCodeGrouped READ activationCodeGrouped NOTIFY contentChanged)
    // Instead of the code when the clone policy e-mails it: "sent to j***@…" or why not.
    Q_PROPERTY(QString activationCodeNote READ activationCodeNote NOTIFY contentChanged)
    Q_PROPERTY(QString qrSource READ qrSource NOTIFY contentChanged)
    Q_PROPERTY(QString downloadQrSource READ downloadQrSource CONSTANT)
    Q_PROPERTY(QString downloadUrl READ downloadUrl CONSTANT)
    Q_PROPERTY(bool canCancel READ canCancel NOTIFY contentChanged)
    Q_PROPERTY(bool canRevoke READ canRevoke NOTIFY contentChanged)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY contentChanged)
    Q_PROPERTY(bool canMoreTime READ canMoreTime NOTIFY contentChanged)
    Q_PROPERTY(QString errorCode READ errorCode NOTIFY contentChanged)

public:
    // Mirrors of the Qt-free kiosk enums so QML can name them (ScreenModel.Ready).
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
        OutOfService,
    };
    Q_ENUM(Screen)

    enum class Problem {
        None,
        CardRemoved,
        CardUnreadable,
        NotElsCard,
        SignatureInvalid,
        ChipMismatch,
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
        CodeNeedsEmail,
        ReorderLimit,
        UsosRefused,
        OrderFailed,
        ReaderMissing,
        ServiceUnavailable,
        Internal,
    };
    Q_ENUM(Problem)

    explicit ScreenModel(QObject* parent = nullptr);

    // Replaces what the screen shows. Emits screenChanged/contentChanged only for real changes.
    void apply(const kiosk::ScreenState& state);
    const kiosk::ScreenState& state() const { return state_; }

    Screen screen() const;
    QString language() const { return language_; }
    Problem problem() const;
    QString problemTitle() const;
    QString problemAdvice() const;
    QString problemHint() const;
    QStringList mObywatelSteps() const; // beside the QR code, in the current language
    QString firstName() const;
    QString orderStatus() const;
    QString orderStatusText() const;
    int orderStep() const;
    QString goodbyeTitle() const;
    QString goodbyeBody() const;
    bool goodbyeSuccess() const;
    QString orderDate() const;
    QString expirationDate() const;
    QString activationCode() const;
    QString activationCodeGrouped() const;
    QString activationCodeNote() const;
    QString qrSource() const;
    QString downloadQrSource() const;
    QString downloadUrl() const;
    bool canCancel() const { return state_.offer.cancel; }
    bool canRevoke() const { return state_.offer.revoke; }
    bool canMoreTime() const { return state_.offer.moreTime; }
    QString errorCode() const { return QString::fromStdString(state_.errorCode); }
    int secondsLeft() const { return state_.secondsLeft; }

    // Actions from the screen. Each is ignored unless the current screen offers it, so a late
    // tap on a screen that has just been replaced cannot trigger anything.
    Q_INVOKABLE void order();
    Q_INVOKABLE void confirm();
    Q_INVOKABLE void cancel();
    Q_INVOKABLE void revoke();
    Q_INVOKABLE void done();
    Q_INVOKABLE void back();
    Q_INVOKABLE void moreTime();
    // "pl" or "en"; anything else is ignored.
    Q_INVOKABLE void setLanguage(const QString& language);

signals:
    void screenChanged();
    void contentChanged();
    void languageChanged(const QString& language);
    // A short tone the session asks for: "card_read", "error" or "card_still_in" (CuePlayer).
    void cueRequested(const QString& name);

    void orderRequested();
    void confirmRequested();
    void cancelRequested();
    void revokeRequested();
    void doneRequested();
    void backRequested();
    void moreTimeRequested();

private:
    // The text in the current language, Polish with polishNonBreaking applied.
    QString localized(const kiosk::LocalizedText& text) const;

    kiosk::ScreenState state_;
    QString language_ = QStringLiteral("pl");
};

// "image://qr/<percent-encoded text>" for the QR image provider.
QString qrImageSource(const QString& text);

// "ABCD1234EFGH" -> "ABCD 1234 EFGH": easier to copy by eye.
QString groupInFours(const QString& code);

// "2025-10-01" -> "01.10.2025", as USOSweb shows dates; anything else is returned unchanged.
QString displayDate(const QString& isoDate);

} // namespace els::ui
