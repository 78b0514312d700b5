#pragma once

#include <QObject>
#include <QThread>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace els::ui {

class ScreenModel;

// The short tones of the kiosk (EN 301 549 5.1.3: what the screen signals, audibly too).
enum class Cue {
    CardRead,    // "card_read": the chip was read
    Error,       // "error": something went wrong
    CardStillIn, // "card_still_in": a card was left in the reader
};

// The cue a ScreenModel::cueRequested name stands for; nullopt for an unknown name.
std::optional<Cue> cueNamed(const QString& name);

// The cue as 16-bit signed mono PCM at `rate` Hz: sine tones with 5 ms fades (no clicks),
// at half scale (audible in a hall, not startling in headphones).
std::vector<std::int16_t> cueSamples(Cue cue, int rate);

// Where cues go: the sound card on the kiosk, a recorder in tests.
class CueOutput {
public:
    virtual ~CueOutput() = default;
    virtual void play(Cue cue) = 0;
};

// Plays cues through ALSA (the device espeak-ng speaks through; the kiosk runs no sound
// server) on a thread of its own, one after another; the device is opened per cue, so that
// speech can have it between cues. A failure is logged (once while it repeats), never thrown.
class AlsaCueOutput final : public CueOutput {
public:
    // `device`: an ALSA PCM name ("default"; tests write a file with "file:FILE=...,FORMAT=wav").
    explicit AlsaCueOutput(std::string device = "default");
    AlsaCueOutput(const AlsaCueOutput&) = delete;
    AlsaCueOutput& operator=(const AlsaCueOutput&) = delete;
    // Waits for the cues already asked for.
    ~AlsaCueOutput() override;
    void play(Cue cue) override;

    static constexpr int rate = 22050;

private:
    std::string device_;
    std::string lastFailure_; // on thread_ only
    QThread thread_;
    std::unique_ptr<QObject> context_; // lives on thread_
};

// Plays the cue the screen model asks for (cueRequested), with or without speech: the
// forgotten-card alert is for everyone. [accessibility] cues = off silences them.
class CuePlayer : public QObject {
    Q_OBJECT
public:
    CuePlayer(const ScreenModel& model, CueOutput& output, bool enabled, QObject* parent = nullptr);

private:
    CueOutput& output_;
    bool enabled_;
};

} // namespace els::ui
