#pragma once

#include <QKeySequence>
#include <QLocale>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <utility>

class QQuickWindow;
class QTextToSpeech;

namespace els::ui {

class ScreenModel;

// Where spoken text goes: Qt TextToSpeech on the kiosk, a recorder in tests.
class SpeechOutput {
public:
    virtual ~SpeechOutput() = default;
    // Says `text` in `locale`'s language, interrupting whatever is being said (a new screen
    // makes the old one's speech moot; EN 301 549 wants speech interruptible).
    virtual void speak(const QString& text, const QLocale& locale) = 0;
    virtual void stop() = 0;
};

// Qt TextToSpeech with its default engine (speech-dispatcher → espeak-ng on Debian) on a thread
// of its own, created at the first utterance: connecting to (and starting) speech-dispatcher
// takes seconds, which the screen must not freeze for.
class TextToSpeechOutput final : public SpeechOutput {
public:
    TextToSpeechOutput();
    TextToSpeechOutput(const TextToSpeechOutput&) = delete;
    TextToSpeechOutput& operator=(const TextToSpeechOutput&) = delete;
    ~TextToSpeechOutput() override;
    void speak(const QString& text, const QLocale& locale) override;
    void stop() override;

private:
    QThread thread_;
    std::unique_ptr<QObject> context_; // lives on thread_; the engine's parent
    QTextToSpeech* engine_ = nullptr;  // used on thread_ only
};

// Speech output of the kiosk screen (EN 301 549 5.1.3, closed functionality): off until the
// student turns it on (the speech key or the on-screen speaker control); then every new
// screen, a language change, a control reached with the keypad and the countdown warning are
// spoken in the screen's language (an overlay marked speechOverlay, the help, instead of the
// screen while it is shown): the screen's texts, a description of the QR code and the buttons. The
// activation code and the QR content are never spoken with the screen, only by readCode(), the
// student's explicit request (meant for headphones).
class ScreenSpeaker : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ScreenSpeaker is owned by the kiosk")
    Q_PROPERTY(bool enabled READ enabled NOTIFY enabledChanged)
    Q_PROPERTY(bool hasCode READ hasCode NOTIFY hasCodeChanged)

public:
    // Seconds left at which the countdown warning is spoken.
    static constexpr int warnAtSeconds = 15;

    ScreenSpeaker(const ScreenModel& model, SpeechOutput& output, QObject* parent = nullptr);

    // The window whose current screen is spoken; its key presses are watched for the keys.
    void attach(QQuickWindow& window);
    void setKeys(const QKeySequence& toggleSpeech, const QKeySequence& readCode);

    bool enabled() const noexcept { return enabled_; }
    // True while the screen shows an activation code (the "read the code" action applies).
    bool hasCode() const;

    Q_INVOKABLE void toggle();
    Q_INVOKABLE void repeat();
    Q_INVOKABLE void readCode();
    // Says that the student turned large text on or off (with speech on).
    Q_INVOKABLE void announceLargeText(bool on);

    // What is said for the screen as it is now (also when speech is off).
    QString announcement() const;

signals:
    void enabledChanged(bool enabled);
    void hasCodeChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void focusMoved();
    void screenChanged();
    void contentChanged();
    void announceLater();
    QLocale locale() const;
    bool english() const;

    const ScreenModel& model_;
    SpeechOutput& output_;
    QPointer<QQuickWindow> window_;
    QKeySequence toggleKey_;
    QKeySequence readCodeKey_;
    bool enabled_ = false;
    bool announcePending_ = false;
    bool warned_ = false;
    bool hadCode_ = false;
    std::pair<int, QString> topic_; // the problem and order status last seen
};

} // namespace els::ui
