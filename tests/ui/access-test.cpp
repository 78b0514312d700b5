// The accessibility additions of issue 10 through the real screens (KioskApp's QML, offscreen):
// audio cues for the screen model's cue requests (with a recorder, and one real run through
// ALSA into a WAV that sox measures), the help read aloud when opened and closed by a new
// screen, large text announced.
#include "preview-state.hpp"

#include <QCoreApplication>
#include <QProcess>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <els/ui/cue-player.hpp>
#include <els/ui/kiosk-app.hpp>
#include <els/ui/screen-speaker.hpp>
#include <gtest/gtest.h>

namespace els::ui {
namespace {

class RecordingCues final : public CueOutput {
public:
    void play(Cue cue) override { played.push_back(cue); }
    std::vector<Cue> played;
};

class RecordingSpeech final : public SpeechOutput {
public:
    void speak(const QString& text, const QLocale&) override { said.append(text); }
    void stop() override {}
    QStringList said;
};

// sox's "stat" of a sound file: the value on the line starting with `key`, -1 when absent.
double soxStat(const QString& file, const QString& key) {
    QProcess sox;
    sox.start(QStringLiteral("sox"), {file, QStringLiteral("-n"), QStringLiteral("stat")});
    if (!sox.waitForFinished(60000))
        return -1;
    const auto stat = QString::fromUtf8(sox.readAllStandardError());
    for (const auto& line : stat.split(QLatin1Char('\n')))
        if (line.startsWith(key))
            return line.section(QLatin1Char(':'), 1).trimmed().toDouble();
    return -1;
}

TEST(CuePlayer, eachCueRequest_playsItsCue) {
    ScreenModel model;
    RecordingCues output;
    const CuePlayer player(model, output, true);
    emit model.cueRequested(QStringLiteral("card_read"));
    emit model.cueRequested(QStringLiteral("error"));
    emit model.cueRequested(QStringLiteral("card_still_in"));
    EXPECT_EQ(output.played, (std::vector{Cue::CardRead, Cue::Error, Cue::CardStillIn}));
}

TEST(CuePlayer, unknownName_playsNothing) {
    ScreenModel model;
    RecordingCues output;
    const CuePlayer player(model, output, true);
    emit model.cueRequested(QStringLiteral("fanfare"));
    EXPECT_TRUE(output.played.empty());
}

TEST(CuePlayer, cuesOffInTheConfig_playsNothing) {
    ScreenModel model;
    RecordingCues output;
    const CuePlayer player(model, output, false);
    emit model.cueRequested(QStringLiteral("card_still_in"));
    EXPECT_TRUE(output.played.empty());
}

TEST(CuePlayer, cues_areShortAudibleAndTellApart) {
    const auto read = cueSamples(Cue::CardRead, 22050);
    const auto error = cueSamples(Cue::Error, 22050);
    const auto stillIn = cueSamples(Cue::CardStillIn, 22050);
    for (const auto* samples : {&read, &error, &stillIn}) {
        EXPECT_GT(samples->size(), 22050u / 10) << "at least 0.1 s";
        EXPECT_LT(samples->size(), 22050u) << "under a second";
        const auto loudest = *std::max_element(samples->begin(), samples->end());
        EXPECT_GT(loudest, 8000) << "audible";
        EXPECT_LT(loudest, 30000) << "not at full scale";
        // 5 ms fades: no click at either end.
        EXPECT_LT(std::abs(samples->front()), 200);
        EXPECT_LT(std::abs(samples->back()), 200);
    }
    EXPECT_NE(read, error);
    EXPECT_NE(error, stillIn);
}

// The real path: the ALSA output the kiosk uses, with ALSA's file plugin as the device.
TEST(CuePlayer, realAlsaOutput_cardStillIn_writesAnAudibleTone) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const auto wav = dir.filePath(QStringLiteral("still-in.wav"));
    {
        AlsaCueOutput output(("file:FILE=" + wav + ",FORMAT=wav").toStdString());
        output.play(Cue::CardStillIn);
    } // waits for the cue to be played
    const double seconds = soxStat(wav, QStringLiteral("Length (seconds)"));
    EXPECT_GT(seconds, 0.6) << "three beeps and their gaps";
    EXPECT_LT(seconds, 1.2);
    EXPECT_GT(soxStat(wav, QStringLiteral("RMS     amplitude")), 0.1) << "a tone, not silence";
}

QStringList warnings; // filled by the handler below, for one test

// A kiosk without a sound card: cues are dropped and the failure is logged once, not per cue.
TEST(CuePlayer, noSoundDevice_failureLoggedOnce) {
    warnings.clear();
    const auto previous = qInstallMessageHandler(
        [](QtMsgType type, const QMessageLogContext&, const QString& message) {
            if (type == QtWarningMsg && message.startsWith(QStringLiteral("cues:")))
                warnings << message;
        });
    {
        AlsaCueOutput output("els_no_such_device");
        output.play(Cue::CardRead);
        output.play(Cue::Error);
        output.play(Cue::CardStillIn);
    } // waits for the three
    qInstallMessageHandler(previous);
    ASSERT_EQ(warnings.size(), 1) << warnings.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(warnings[0].contains(QStringLiteral("cannot open the sound device")))
        << warnings[0].toStdString();
}

class HelpSpeechTest : public ::testing::Test {
protected:
    void SetUp() override {
        window_ = app_.load();
        ASSERT_NE(window_, nullptr);
        speaker_.attach(*window_);
        window_->setProperty("speech", QVariant::fromValue(&speaker_));
        speaker_.toggle();
        settle();
        speech_.said.clear();
    }
    void settle() {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
    void showHelp(bool open) {
        QMetaObject::invokeMethod(window_, "showHelp", Q_ARG(QVariant, open));
        settle();
    }

    KioskApp app_;
    QQuickWindow* window_ = nullptr;
    RecordingSpeech speech_;
    ScreenSpeaker speaker_{app_.model(), speech_};
};

TEST_F(HelpSpeechTest, helpOpened_itsTextsAreReadNotTheScreenBelow) {
    window_->setProperty("contactPl", QStringLiteral("Dziekanat, pokój 12."));
    showHelp(true);
    ASSERT_EQ(speech_.said.size(), 1);
    const auto said = speech_.said.back();
    EXPECT_TRUE(said.startsWith(QStringLiteral("Pomoc."))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("Dziekanat, pokój 12."))) << said.toStdString();
    EXPECT_TRUE(said.contains(QStringLiteral("PESEL"))) << said.toStdString();
    EXPECT_TRUE(said.endsWith(QStringLiteral("Przyciski: Zamknij pomoc."))) << said.toStdString();
    EXPECT_FALSE(said.contains(QStringLiteral("Kto może zamówić?"))) << said.toStdString();

    showHelp(false); // the screen is read again
    ASSERT_EQ(speech_.said.size(), 2);
    EXPECT_TRUE(speech_.said.back().contains(QStringLiteral("Kto może zamówić?")))
        << speech_.said.back().toStdString();
}

TEST_F(HelpSpeechTest, newScreen_closesTheHelpAndIsRead) {
    showHelp(true);
    app_.model().apply(preview("confirm-order"));
    settle();
    EXPECT_FALSE(window_->property("helpOpen").toBool());
    ASSERT_FALSE(speech_.said.isEmpty());
    EXPECT_TRUE(speech_.said.back().contains(QStringLiteral("Zamów mLegitymację")))
        << speech_.said.back().toStdString();
    EXPECT_FALSE(speech_.said.back().contains(QStringLiteral("PESEL")))
        << speech_.said.back().toStdString();
}

TEST_F(HelpSpeechTest, largeTextTurnedOn_isSaid) {
    window_->setProperty("largeText", true);
    ASSERT_EQ(speech_.said.size(), 1);
    EXPECT_EQ(speech_.said.back(), QStringLiteral("Duży tekst włączony."));
    app_.model().setLanguage(QStringLiteral("en"));
    settle();
    window_->setProperty("largeText", false);
    EXPECT_EQ(speech_.said.back(), QStringLiteral("Normal text."));
}

} // namespace
} // namespace els::ui
