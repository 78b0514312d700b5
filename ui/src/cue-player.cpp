#include <QtGlobal>
#include <alsa/asoundlib.h>
#include <cmath>
#include <els/ui/cue-player.hpp>
#include <els/ui/screen-model.hpp>
#include <numbers>

namespace els::ui {

namespace {

struct Tone {
    double hertz; // 0: silence
    int ms;
};

// Distinct by pitch and rhythm, so that they are told apart without seeing the screen: rising
// for "read", falling and low for "error", three insistent beeps for "take your card".
std::vector<Tone> tonesOf(Cue cue) {
    switch (cue) {
    case Cue::CardRead:
        return {{880, 90}, {0, 40}, {1320, 140}};
    case Cue::Error:
        return {{392, 220}, {0, 60}, {262, 320}};
    case Cue::CardStillIn:
        return {{988, 150}, {0, 100}, {988, 150}, {0, 100}, {988, 150}};
    }
    return {};
}

struct PcmClose {
    void operator()(snd_pcm_t* pcm) const { snd_pcm_close(pcm); }
};
using Pcm = std::unique_ptr<snd_pcm_t, PcmClose>;

// Blocking: opens the device, writes the samples, waits for them to be played. Empty when
// played, else why not.
std::string playOn(const std::string& device, const std::vector<std::int16_t>& samples) {
    snd_pcm_t* raw = nullptr;
    if (const int err = snd_pcm_open(&raw, device.c_str(), SND_PCM_STREAM_PLAYBACK, 0); err < 0)
        return std::string("cannot open the sound device: ") + snd_strerror(err);
    const Pcm pcm(raw);
    if (const int err =
            snd_pcm_set_params(pcm.get(), SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1,
                               AlsaCueOutput::rate, 1, 100'000);
        err < 0)
        return std::string("the sound device refuses the format: ") + snd_strerror(err);
    std::size_t done = 0;
    while (done < samples.size()) {
        auto written = snd_pcm_writei(pcm.get(), samples.data() + done, samples.size() - done);
        if (written < 0)
            written = snd_pcm_recover(pcm.get(), static_cast<int>(written), 1);
        if (written < 0)
            return std::string("cannot play: ") + snd_strerror(static_cast<int>(written));
        done += static_cast<std::size_t>(written);
    }
    snd_pcm_drain(pcm.get());
    return {};
}

} // namespace

std::optional<Cue> cueNamed(const QString& name) {
    if (name == QLatin1String("card_read"))
        return Cue::CardRead;
    if (name == QLatin1String("error"))
        return Cue::Error;
    if (name == QLatin1String("card_still_in"))
        return Cue::CardStillIn;
    return std::nullopt;
}

std::vector<std::int16_t> cueSamples(Cue cue, int rate) {
    constexpr double amplitude = 0.5 * 32767;
    const int fade = rate * 5 / 1000;
    std::vector<std::int16_t> samples;
    for (const auto& tone : tonesOf(cue)) {
        const int count = rate * tone.ms / 1000;
        for (int i = 0; i < count; ++i) {
            if (tone.hertz == 0) {
                samples.push_back(0);
                continue;
            }
            const double envelope = std::min(
                {1.0, static_cast<double>(i) / fade, static_cast<double>(count - i) / fade});
            const double phase = 2 * std::numbers::pi * tone.hertz * i / rate;
            samples.push_back(
                static_cast<std::int16_t>(std::lround(amplitude * envelope * std::sin(phase))));
        }
    }
    return samples;
}

AlsaCueOutput::AlsaCueOutput(std::string device)
    : device_(std::move(device)), context_(std::make_unique<QObject>()) {
    thread_.setObjectName(QStringLiteral("cues"));
    context_->moveToThread(&thread_);
    thread_.start();
}

AlsaCueOutput::~AlsaCueOutput() {
    // In order: this returns once the cues asked for before have been played.
    QMetaObject::invokeMethod(
        context_.get(), [] {}, Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
}

void AlsaCueOutput::play(Cue cue) {
    QMetaObject::invokeMethod(context_.get(), [this, cue] {
        // A kiosk without a sound card would log every cue: only a new failure is logged.
        auto failure = playOn(device_, cueSamples(cue, rate));
        if (!failure.empty() && failure != lastFailure_)
            qWarning("cues: %s", failure.c_str());
        lastFailure_ = std::move(failure);
    });
}

CuePlayer::CuePlayer(const ScreenModel& model, CueOutput& output, bool enabled, QObject* parent)
    : QObject(parent), output_(output), enabled_(enabled) {
    connect(&model, &ScreenModel::cueRequested, this, [this](const QString& name) {
        if (!enabled_)
            return;
        if (const auto cue = cueNamed(name))
            output_.play(*cue);
    });
}

} // namespace els::ui
