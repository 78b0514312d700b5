#include "card-sim.hpp"

#include "els/smartcard/error.hpp"
#include "els/smartcard/pcsc.hpp"
#include "pcsc-environment.hpp"

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>

extern char** environ;

namespace els::testing {

namespace {
using namespace std::chrono_literals;
constexpr auto pollStep = 20ms;
constexpr auto insertPatience = 4s;
// vpcd may ignore a card that connects right after one vanished mid-transaction.
constexpr auto reinsertPause = 2s;

// nullopt while pcscd does not list the reader or cannot be asked.
std::optional<smartcard::ReaderStatus> readerStatus(const std::string& reader) {
    try {
        for (const auto& status : smartcard::Context().readerStatuses()) {
            if (status.name == reader)
                return status;
        }
    } catch (const smartcard::Error&) {
    }
    return std::nullopt;
}

template <typename Predicate>
bool waitUntil(std::chrono::milliseconds timeout, Predicate predicate) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (predicate())
            return true;
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(pollStep);
    }
}

void writeFile(const std::filesystem::path& path, const Bytes& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}
} // namespace

Bytes derFiller(std::size_t contentSize, std::uint8_t seed) {
    if (contentSize > 0xFFFF)
        throw std::invalid_argument("derFiller: content too large");
    Bytes file{0x30, 0x82, static_cast<std::uint8_t>(contentSize >> 8),
               static_cast<std::uint8_t>(contentSize & 0xFF)};
    for (std::size_t i = 0; i < contentSize; ++i) {
        file.push_back(static_cast<std::uint8_t>(i * 31 + seed));
    }
    return file;
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "els-test-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

void writeCardImage(const std::filesystem::path& dir, const Bytes& els, const Bytes& certificate) {
    std::filesystem::create_directories(dir);
    writeFile(dir / "0002", els);
    if (!certificate.empty())
        writeFile(dir / "0001", certificate);
}

bool waitForReader(const std::string& reader, std::chrono::milliseconds timeout) {
    return waitUntil(timeout, [&] { return readerStatus(reader).has_value(); });
}

bool waitForCard(const std::string& reader, bool present, std::chrono::milliseconds timeout) {
    return waitUntil(timeout, [&] {
        const auto status = readerStatus(reader);
        return status && status->cardPresent == present;
    });
}

CardSim::CardSim(int slot, std::filesystem::path image, std::vector<std::string> options)
    : slot_(slot), image_(std::move(image)), options_(std::move(options)),
      reader_(vpcdReader(slot)) {}

CardSim::~CardSim() {
    remove();
}

bool CardSim::insert() {
    // A slot holds one card: wait for pcscd to notice that the previous one left.
    if (!waitForCard(reader_, false, insertPatience))
        return false;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (attempt > 0) {
            stop();
            std::this_thread::sleep_for(reinsertPause);
        }
        start();
        if (waitForCard(reader_, true, insertPatience))
            return true;
    }
    return false;
}

void CardSim::remove() {
    stop();
    waitForCard(reader_, false, insertPatience);
}

bool CardSim::exited(std::chrono::milliseconds timeout) {
    return waitUntil(timeout, [&] {
        if (pid_ <= 0)
            return true;
        if (::waitpid(pid_, nullptr, WNOHANG) != pid_)
            return false;
        pid_ = -1;
        return true;
    });
}

void CardSim::start() {
    std::vector<std::string> args{ELS_CARD_SIM_PATH, "--image", image_.string(), "--slot",
                                  std::to_string(slot_)};
    args.insert(args.end(), options_.begin(), options_.end());
    std::vector<char*> argv;
    for (auto& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
        pid_ = -1;
        throw std::runtime_error("cannot start " ELS_CARD_SIM_PATH);
    }
}

void CardSim::stop() {
    if (pid_ <= 0)
        return;
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

} // namespace els::testing
