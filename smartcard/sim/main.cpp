// els-card-sim: a virtual ELS card for the vsmartcard-vpcd reader driver.
//
//   els-card-sim --image DIR [--slot 0|1 | --port N] [--t0] [--max-le N] [--no-extended]
//                [--remove-after N] [--delay-ms N] [--once] [--chip-serial TEXT | --chip-serial-hex
//                HEX] [--chain-step N] [--read-step N] [--mute-at N] [--empty-at N]
//
// --mute-at N: from the N-th APDU on the card never answers (it stays in the slot, so vpcd
// and pcscd wait for ever, like a card that lost power mid-command behind a reader without
// timeouts); --empty-at N: from the N-th APDU on it answers with 0 bytes. --once: leave the
// slot when the driver closes the connection (pcscd stopped) instead of coming back.
//
// DIR holds the application's EFs as files named by FID (4 upper-case hex digits: 0002 is
// EF.ELS, 0001 the certificate file) and optionally `atr` (hex text).
#include "els/smartcard/bytes.hpp"
#include "virtual-els-card.hpp"
#include "vpcd-link.hpp"

#include <cctype>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <stdexcept>
#include <string>
#include <sys/signalfd.h>
#include <thread>
#include <unistd.h>

namespace sc = els::smartcard;
namespace sim = els::smartcard::sim;

namespace {

constexpr std::uint16_t firstVpcdPort = 35963;

struct Options {
    std::filesystem::path image;
    std::uint16_t port = firstVpcdPort;
    sim::Behaviour behaviour;
    unsigned removeAfter = 0; // 0: never
    unsigned delayMs = 0;
    unsigned muteAt = 0;  // 0: never
    unsigned emptyAt = 0; // 0: never
    bool once = false;
};

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

unsigned number(const std::string& option, const char* text) {
    try {
        std::size_t used = 0;
        const unsigned long value = std::stoul(text, &used);
        if (used == std::string(text).size() && value <= 0xFFFFFFFFUL) {
            return static_cast<unsigned>(value);
        }
    } catch (const std::logic_error&) {
    }
    throw UsageError(option + " needs a number, got \"" + text + '"');
}

Options parseOptions(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> const char* {
            if (i + 1 >= argc)
                throw UsageError(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--image") {
            options.image = value();
        } else if (arg == "--slot") {
            const unsigned slot = number(arg, value());
            if (slot > 1)
                throw UsageError("--slot is 0 or 1");
            options.port = static_cast<std::uint16_t>(firstVpcdPort + slot);
        } else if (arg == "--port") {
            const unsigned port = number(arg, value());
            if (port == 0 || port > 0xFFFF)
                throw UsageError("--port out of range");
            options.port = static_cast<std::uint16_t>(port);
        } else if (arg == "--t0") {
            options.behaviour.t0 = true;
        } else if (arg == "--max-le") {
            options.behaviour.maxLe = number(arg, value());
            if (options.behaviour.maxLe == 0)
                throw UsageError("--max-le must be at least 1");
        } else if (arg == "--no-extended") {
            options.behaviour.extendedLength = false;
        } else if (arg == "--remove-after") {
            options.removeAfter = number(arg, value());
        } else if (arg == "--delay-ms") {
            options.delayMs = number(arg, value());
        } else if (arg == "--chain-step") {
            options.behaviour.chainStep = number(arg, value());
            if (options.behaviour.chainStep == 0 || options.behaviour.chainStep > 256)
                throw UsageError("--chain-step is 1 to 256");
        } else if (arg == "--read-step") {
            options.behaviour.readStep = number(arg, value());
        } else if (arg == "--mute-at") {
            options.muteAt = number(arg, value());
        } else if (arg == "--empty-at") {
            options.emptyAt = number(arg, value());
        } else if (arg == "--once") {
            options.once = true;
        } else if (arg == "--chip-serial") { // the chip's own serial, answered to GET DATA
            const std::string text = value();
            options.behaviour.chipSerial = sc::Bytes(text.begin(), text.end());
        } else if (arg == "--chip-serial-hex") {
            options.behaviour.chipSerial = sc::fromHex(value());
        } else {
            throw UsageError("unknown option " + arg);
        }
    }
    if (options.image.empty())
        throw UsageError("--image DIR is required");
    return options;
}

sc::Bytes readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Image {
    std::map<std::uint16_t, sc::Bytes> files;
    sc::Bytes atr;
};

Image loadImage(const Options& options) {
    if (!std::filesystem::is_directory(options.image)) {
        throw std::runtime_error(options.image.string() + " is not a directory");
    }
    Image image;
    const std::regex fidName("[0-9A-F]{4}");
    for (const auto& entry : std::filesystem::directory_iterator(options.image)) {
        const auto name = entry.path().filename().string();
        if (std::regex_match(name, fidName)) {
            image.files[static_cast<std::uint16_t>(std::stoul(name, nullptr, 16))] =
                readFile(entry.path());
        }
    }
    const auto atrFile = options.image / "atr";
    if (std::filesystem::exists(atrFile)) {
        std::string text;
        for (const auto byte : readFile(atrFile)) {
            if (!std::isspace(byte))
                text.push_back(static_cast<char>(byte));
        }
        image.atr = sc::fromHex(text);
    } else {
        image.atr = sim::atrFor(options.behaviour);
    }
    return image;
}

// SIGTERM / SIGINT arrive on a descriptor, so the card loop can poll for them.
int stopSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    if (sigprocmask(SIG_BLOCK, &signals, nullptr) != 0)
        throw std::runtime_error("sigprocmask");
    const int fd = signalfd(-1, &signals, SFD_CLOEXEC);
    if (fd < 0)
        throw std::runtime_error("signalfd");
    return fd;
}

enum class SessionEnd { Stopped, Removed, ReaderClosed };

// One insertion: from connecting to the reader until the card leaves.
SessionEnd serve(sim::VpcdLink& link, sim::VirtualElsCard& card, const sc::Bytes& atr,
                 const Options& options) {
    unsigned apdus = 0;
    sc::Bytes message;
    for (;;) {
        switch (link.receive(message)) {
        case sim::VpcdLink::Status::Stopped:
            return SessionEnd::Stopped;
        case sim::VpcdLink::Status::Closed:
            return SessionEnd::ReaderClosed;
        case sim::VpcdLink::Status::Message:
            break;
        }
        if (message.size() == 1) {
            switch (message[0]) {
            // pcscd powers the card off when idle and off and on again for SCARD_RESET_CARD
            // or SCARD_UNPOWER_CARD: none of that takes the card out of its slot.
            case 0x00: // power off
            case 0x01: // power on
            case 0x02: // reset
                card.reset();
                break;
            case 0x04:
                link.send(atr);
                break;
            default:
                break; // unknown control messages get no answer, as in vpcd's own vicc
            }
            continue;
        }
        if (message.empty())
            continue;
        if (++apdus == options.removeAfter)
            return SessionEnd::Removed;
        if (options.muteAt > 0 && apdus >= options.muteAt)
            continue; // no answer: the reader waits until the card is pulled or stopped
        if (options.delayMs > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(options.delayMs));
        if (options.emptyAt > 0 && apdus >= options.emptyAt) {
            link.send({});
            continue;
        }
        link.send(card.respond(message));
    }
}

int run(const Options& options) {
    const Image image = loadImage(options);
    sim::VirtualElsCard card(image.files, options.behaviour);
    const int stopFd = stopSignals();
    for (;;) {
        // pcscd may start after the card, or restart under it, however long that takes: the
        // card waits in its slot until it is stopped.
        auto link = sim::VpcdLink::connect(options.port, stopFd);
        if (!link)
            return 0;
        card.reset();
        const auto end = serve(*link, card, image.atr, options);
        // Removal by --remove-after and stop signals are final; a driver that closed on us
        // (pcscd restarted) gets the card back unless --once.
        if (end != SessionEnd::ReaderClosed || options.once)
            return 0;
    }
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parseOptions(argc, argv));
    } catch (const UsageError& e) {
        std::fprintf(
            stderr,
            "els-card-sim: %s\nusage: els-card-sim --image DIR [--slot 0|1 | --port N] "
            "[--t0] [--max-le N] [--no-extended] [--remove-after N] [--delay-ms N] [--once] "
            "[--chip-serial TEXT | --chip-serial-hex HEX]\n"
            "       [--chain-step N] [--read-step N] [--mute-at N] [--empty-at N]\n",
            e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "els-card-sim: %s\n", e.what());
        return 1;
    }
}
