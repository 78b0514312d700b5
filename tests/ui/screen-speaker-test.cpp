// Speech output of the real screens (KioskApp's QML, offscreen): what is said on each screen in
// both languages, that the activation code and the QR content are said only when asked, the
// speech key, the countdown warning, and one real espeak-ng run measured by sox.
#include "preview-state.hpp"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QProcess>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <els/ui/kiosk-app.hpp>
#include <els/ui/screen-speaker.hpp>
#include <gtest/gtest.h>
#include <optional>

namespace els::ui {
namespace {

struct Utterance {
    QString text;
    QLocale::Language language;
};

class RecordingOutput final : public SpeechOutput {
public:
    void speak(const QString& text, const QLocale& locale) override {
        said.append({text, locale.language()});
    }
    void stop() override { ++stops; }

    QList<Utterance> said;
    int stops = 0;
};

class ScreenSpeakerTest : public ::testing::Test {
protected:
    void SetUp() override {
        window_ = app_.load();
        ASSERT_NE(window_, nullptr);
        speaker_.attach(*window_);
        speaker_.setKeys(QKeySequence(Qt::Key_F12), QKeySequence(Qt::Key_F11));
    }

    // Lets a queued announcement run (it is posted to the event loop): the new utterance, if any.
    std::optional<Utterance> next() {
        const auto before = output_.said.size();
        // The announcement is a posted call (after the bindings have built the screen): delivered
        // here, deterministically.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        if (output_.said.size() == before)
            return std::nullopt;
        return output_.said.back();
    }

    std::optional<Utterance> show(const std::string& state, const char* language = "pl") {
        app_.model().setLanguage(QString::fromLatin1(language));
        app_.model().apply(preview(state));
        return next();
    }

    void turnOn() {
        speaker_.toggle();
        ASSERT_TRUE(speaker_.enabled());
    }

    KioskApp app_;
    QQuickWindow* window_ = nullptr;
    RecordingOutput output_;
    ScreenSpeaker speaker_{app_.model(), output_};
};

const QString readyCode = QStringLiteral("K7QM4ZP2XR9T");
const QString readyCodeGrouped = QStringLiteral("K7QM 4ZP2 XR9T");
const QString readyToken = QStringLiteral("DEMO-mlegitymacja");

TEST_F(ScreenSpeakerTest, speechOffByDefault_newScreens_nothingIsSaid) {
    EXPECT_FALSE(speaker_.enabled());
    EXPECT_FALSE(show("confirm-order").has_value());
    EXPECT_FALSE(show("ready").has_value());
    EXPECT_TRUE(output_.said.isEmpty());
}

TEST_F(ScreenSpeakerTest, turnedOn_saysSoAndReadsTheCurrentScreenInPolish) {
    turnOn();
    ASSERT_EQ(output_.said.size(), 1);
    EXPECT_TRUE(output_.said[0].text.startsWith(QStringLiteral("Mowa włączona.")))
        << output_.said[0].text.toStdString();
    EXPECT_TRUE(
        output_.said[0].text.contains(QStringLiteral("Włóż legitymację studencką do czytnika.")))
        << output_.said[0].text.toStdString();
    EXPECT_EQ(output_.said[0].language, QLocale::Polish);
}

TEST_F(ScreenSpeakerTest, confirmOrder_bothLanguages_titleTextAndButtonsInTheScreensLanguage) {
    turnOn();
    const auto pl = show("confirm-order", "pl");
    ASSERT_TRUE(pl);
    EXPECT_EQ(pl->language, QLocale::Polish);
    EXPECT_TRUE(pl->text.contains(QStringLiteral("Zofia"))) << pl->text.toStdString();
    EXPECT_TRUE(pl->text.contains(QStringLiteral("możesz zamówić mLegitymację")))
        << pl->text.toStdString();
    EXPECT_TRUE(pl->text.endsWith(QStringLiteral("Przyciski: Zamów mLegitymację, Zakończ.")))
        << pl->text.toStdString();

    app_.model().setLanguage(QStringLiteral("en")); // the language switch re-reads the screen
    const auto en = next();
    ASSERT_TRUE(en);
    EXPECT_EQ(en->language, QLocale::English);
    EXPECT_TRUE(en->text.endsWith(QStringLiteral("Buttons: Order mLegitymacja, Finish.")))
        << en->text.toStdString();
    EXPECT_FALSE(en->text.contains(QStringLiteral("Zamów"))) << en->text.toStdString();
}

// Issue 10, defect 7: the goodbye says what was achieved; after nothing, no thanks — and the
// symbol on the screen is not read out as a word.
TEST_F(ScreenSpeakerTest, goodbye_saysTheOutcome_neutralWithoutAnOrder_bothLanguages) {
    turnOn();
    const auto neutral = show("goodbye", "pl");
    ASSERT_TRUE(neutral);
    EXPECT_TRUE(neutral->text.startsWith(QStringLiteral("Wyjmij legitymację z czytnika. Do "
                                                        "widzenia!")))
        << neutral->text.toStdString();
    EXPECT_FALSE(neutral->text.contains(QStringLiteral("Dziękujemy")))
        << neutral->text.toStdString();
    const auto cancelled = show("goodbye-cancelled", "en");
    ASSERT_TRUE(cancelled);
    EXPECT_TRUE(cancelled->text.startsWith(QStringLiteral("Order cancelled. Take your student ID "
                                                          "card out of the reader.")))
        << cancelled->text.toStdString();
}

TEST_F(ScreenSpeakerTest, everyScreenBothLanguages_saidWithoutTheCodeOrTheQrContent) {
    turnOn();
    for (const char* language : {"pl", "en"}) {
        for (const auto& [name, state] : previewStates()) {
            app_.model().setLanguage(QString::fromLatin1(language));
            app_.model().apply(state);
            const auto said = next();
            const auto text = said ? said->text : speaker_.announcement();
            SCOPED_TRACE(name + "/" + language + ": " + text.toStdString());
            // Only the first idle screen is not news: turning speech on has just read it.
            EXPECT_TRUE(said || (name == "idle" && std::string(language) == "pl"));
            EXPECT_FALSE(text.isEmpty());
            EXPECT_FALSE(text.contains(readyCode));
            EXPECT_FALSE(text.contains(readyCodeGrouped));
            EXPECT_FALSE(text.contains(QStringLiteral("4ZP2")));
            EXPECT_FALSE(text.contains(readyToken));
        }
    }
}

TEST_F(ScreenSpeakerTest, ready_describesTheQrAndOffersTheCode_readCodeSpellsIt) {
    turnOn();
    const auto ready = show("ready", "pl");
    ASSERT_TRUE(ready);
    EXPECT_TRUE(ready->text.contains(QStringLiteral("Twoja mLegitymacja jest gotowa.")))
        << ready->text.toStdString();
    EXPECT_TRUE(ready->text.contains(QStringLiteral("kod QR dla aplikacji mObywatel")));
    EXPECT_TRUE(ready->text.contains(QStringLiteral("„Przeczytaj kod”")));
    EXPECT_TRUE(speaker_.hasCode());

    speaker_.readCode();
    ASSERT_FALSE(output_.said.isEmpty());
    EXPECT_EQ(output_.said.back().text,
              QStringLiteral("Kod aktywacyjny: K 7 Q M, 4 Z P 2, X R 9 T."));

    app_.model().setLanguage(QStringLiteral("en"));
    ASSERT_TRUE(next());
    speaker_.readCode();
    EXPECT_EQ(output_.said.back().text,
              QStringLiteral("Activation code: K 7 Q M, 4 Z P 2, X R 9 T."));
    EXPECT_EQ(output_.said.back().language, QLocale::English);
}

TEST_F(ScreenSpeakerTest, readCode_withoutACodeOnScreen_saysNothing) {
    turnOn();
    ASSERT_TRUE(show("confirm-order"));
    const auto before = output_.said.size();
    speaker_.readCode();
    EXPECT_EQ(output_.said.size(), before);
}

TEST_F(ScreenSpeakerTest, speechKey_togglesSpeech_readCodeKeySpeaksTheCode) {
    app_.model().apply(preview("ready"));
    QKeyEvent press(QEvent::KeyPress, Qt::Key_F12, Qt::NoModifier);
    QCoreApplication::sendEvent(window_, &press);
    EXPECT_TRUE(speaker_.enabled());
    ASSERT_FALSE(output_.said.isEmpty());
    EXPECT_TRUE(output_.said.back().text.startsWith(QStringLiteral("Mowa włączona.")));

    QKeyEvent code(QEvent::KeyPress, Qt::Key_F11, Qt::NoModifier);
    QCoreApplication::sendEvent(window_, &code);
    EXPECT_TRUE(output_.said.back().text.startsWith(QStringLiteral("Kod aktywacyjny: K 7 Q M")));

    QCoreApplication::sendEvent(window_, &press);
    EXPECT_FALSE(speaker_.enabled());
    EXPECT_EQ(output_.said.back().text, QStringLiteral("Mowa wyłączona."));
    EXPECT_FALSE(show("idle").has_value());
}

TEST_F(ScreenSpeakerTest, focusMovedByKeypad_saysTheButton_initialFocusDoesNot) {
    turnOn();
    ASSERT_TRUE(show("confirm-order"));
    const auto before = output_.said.size();
    QCoreApplication::sendPostedEvents();
    EXPECT_EQ(output_.said.size(), before) << "the screen's own focus is not news";

    auto* order = window_->activeFocusItem();
    ASSERT_NE(order, nullptr);
    auto* next = order->nextItemInFocusChain(true);
    ASSERT_NE(next, nullptr);
    next->forceActiveFocus(Qt::TabFocusReason);
    QCoreApplication::sendPostedEvents();
    ASSERT_EQ(output_.said.size(), before + 1);
    EXPECT_EQ(output_.said.back().text, QStringLiteral("Przycisk: Zakończ."));
}

TEST_F(ScreenSpeakerTest, countdown_warnedOnceWhenItReachesTheWarningTime_withMoreTime) {
    turnOn();
    auto state = preview("ready");
    state.secondsLeft = 60;
    app_.model().apply(state);
    ASSERT_TRUE(next());
    const auto before = output_.said.size();
    state.secondsLeft = 20;
    state.warning = true; // the bar shows; the voice waits for warnAtSeconds
    app_.model().apply(state);
    EXPECT_EQ(output_.said.size(), before);
    state.secondsLeft = ScreenSpeaker::warnAtSeconds;
    app_.model().apply(state);
    ASSERT_EQ(output_.said.size(), before + 1);
    EXPECT_EQ(output_.said.back().text,
              QStringLiteral("Uwaga: ekran zamknie się za 15 sekund. Aby mieć więcej czasu, "
                             "wybierz „Więcej czasu”."));
    state.secondsLeft = 14;
    app_.model().apply(state);
    EXPECT_EQ(output_.said.size(), before + 1) << "warned once per screen";
}

// Defect 5 of issue 10: the idle timeout of every timed screen is warned of and "more time"
// offered, in both languages; after "more time" the next warning is said again.
TEST_F(ScreenSpeakerTest, idleWarning_everyTimedScreen_bothLanguages_saidAgainAfterMoreTime) {
    turnOn();
    for (const char* language : {"pl", "en"}) {
        for (const char* name :
             {"confirm-order", "problem", "existing-order", "order-in-progress", "confirm-cancel",
              "confirm-revoke", "order-sent", "existing-order-activated"}) {
            SCOPED_TRACE(std::string(name) + "/" + language);
            app_.model().setLanguage(QString::fromLatin1(language));
            auto state = preview(name);
            state.secondsLeft = 0;
            state.warning = false;
            app_.model().apply(state);
            next();
            const auto before = output_.said.size();
            state.secondsLeft = ScreenSpeaker::warnAtSeconds;
            state.warning = true;
            app_.model().apply(state);
            ASSERT_EQ(output_.said.size(), before + 1);
            const auto expected =
                std::string(language) == "pl"
                    ? QStringLiteral("Uwaga: ekran zamknie się za 15 sekund. Aby mieć więcej "
                                     "czasu, wybierz „Więcej czasu”.")
                    : QStringLiteral("Attention: the screen closes in 15 seconds. For more time, "
                                     "choose “More time”.");
            EXPECT_EQ(output_.said.back().text, expected);
            // "More time": the warning goes; when it comes back it is said again.
            state.secondsLeft = 0;
            state.warning = false;
            app_.model().apply(state);
            state.secondsLeft = 10;
            state.warning = true;
            app_.model().apply(state);
            EXPECT_EQ(output_.said.size(), before + 2);
        }
    }
}

TEST_F(ScreenSpeakerTest, takeCard_alertStarts_screenSaidAgainWithTheAlert_onceNotPerRepeat) {
    turnOn();
    auto state = preview("take-card");
    state.cardAlerts = 0;
    app_.model().apply(state);
    const auto first = next();
    ASSERT_TRUE(first);
    EXPECT_FALSE(first->text.contains(QStringLiteral("wciąż"))) << first->text.toStdString();
    state.cardAlerts = 1;
    app_.model().apply(state);
    const auto alert = next();
    ASSERT_TRUE(alert);
    EXPECT_TRUE(alert->text.contains(QStringLiteral("Legitymacja wciąż jest w czytniku!")))
        << alert->text.toStdString();
    state.cardAlerts = 2; // the repeats are the cue's
    app_.model().apply(state);
    EXPECT_FALSE(next());
}

TEST_F(ScreenSpeakerTest, goodbyeCountdown_isNotAWarning) {
    turnOn();
    show("goodbye");
    const auto before = output_.said.size();
    auto state = preview("goodbye");
    state.secondsLeft = 3;
    app_.model().apply(state);
    EXPECT_EQ(output_.said.size(), before);
}

TEST_F(ScreenSpeakerTest, newScreens_orderSentAndTakeCard_saidInBothLanguages) {
    turnOn();
    const auto sent = show("order-sent", "pl");
    ASSERT_TRUE(sent);
    EXPECT_TRUE(sent->text.contains(QStringLiteral("Twoje zamówienie jest w USOS")))
        << sent->text.toStdString();
    EXPECT_TRUE(
        sent->text.contains(QStringLiteral("Stan zamówienia: oczekujące"), Qt::CaseInsensitive))
        << sent->text.toStdString();
    const auto take = show("take-card", "en");
    ASSERT_TRUE(take);
    EXPECT_TRUE(take->text.contains(QStringLiteral("Take your student ID card out of the reader")))
        << take->text.toStdString();
    const auto activated = show("existing-order-activated", "pl");
    ASSERT_TRUE(activated);
    EXPECT_TRUE(activated->text.contains(
        QStringLiteral("Twoja mLegitymacja jest już aktywna w mObywatelu")))
        << activated->text.toStdString();
    EXPECT_FALSE(activated->text.contains(QStringLiteral("kod QR dla aplikacji mObywatel")));
}

// The real voice: the Polish and English ready screens as the speaker says them, through
// espeak-ng (the engine speech-dispatcher uses on Debian) into a WAV that sox measures.
TEST_F(ScreenSpeakerTest, realEspeakNg_readyScreenBothLanguages_producesAudibleSpeech) {
    turnOn();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    for (const char* language : {"pl", "en"}) {
        const auto said = show("ready", language);
        ASSERT_TRUE(said) << language;
        const auto wav = dir.filePath(QStringLiteral("%1.wav").arg(QLatin1String(language)));
        QProcess espeak;
        espeak.start(QStringLiteral("espeak-ng"),
                     {QStringLiteral("-v"), QString::fromLatin1(language), QStringLiteral("-w"),
                      wav, said->text});
        ASSERT_TRUE(espeak.waitForFinished(60000)) << espeak.errorString().toStdString();
        ASSERT_EQ(espeak.exitCode(), 0) << espeak.readAllStandardError().toStdString();

        QProcess sox;
        sox.start(QStringLiteral("sox"), {wav, QStringLiteral("-n"), QStringLiteral("stat")});
        ASSERT_TRUE(sox.waitForFinished(60000)) << sox.errorString().toStdString();
        const auto stat = QString::fromUtf8(sox.readAllStandardError());
        const auto value = [&](const QString& key) {
            for (const auto& line : stat.split(QLatin1Char('\n')))
                if (line.startsWith(key))
                    return line.section(QLatin1Char(':'), 1).trimmed().toDouble();
            return -1.0;
        };
        SCOPED_TRACE(stat.toStdString());
        EXPECT_GT(value(QStringLiteral("RMS     amplitude")), 0.02) << "speech, not silence";
        EXPECT_GT(value(QStringLiteral("Length (seconds)")), 5.0) << "the whole screen is read";
    }
}

} // namespace
} // namespace els::ui
