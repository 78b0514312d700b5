#pragma once

#include "els/smartcard/bytes.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace els::testing {

using smartcard::Bytes;

// A DER SEQUENCE (30 82 HH LL) around `contentSize` filler bytes: framing the reader accepts,
// for tests that do not verify.
Bytes derFiller(std::size_t contentSize, std::uint8_t seed = 1);

// A directory removed with everything in it when the object goes.
class TempDir {
public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    std::filesystem::path path_;
};

// Writes a card image directory for els-card-sim: EF.ELS as 0002, the certificate file as
// 0001 (left out when empty).
void writeCardImage(const std::filesystem::path& dir, const Bytes& els, const Bytes& certificate);

bool waitForReader(const std::string& reader, std::chrono::milliseconds timeout);
bool waitForCard(const std::string& reader, bool present, std::chrono::milliseconds timeout);

// One els-card-sim process in a vpcd slot = a card in that reader.
class CardSim {
public:
    // Starts `els-card-sim --image DIR --slot SLOT OPTIONS...`; insert() waits until pcscd sees it.
    CardSim(int slot, std::filesystem::path image, std::vector<std::string> options = {});
    CardSim(const CardSim&) = delete;
    CardSim& operator=(const CardSim&) = delete;
    // Pulls the card (SIGTERM) and waits until the reader reports it gone.
    ~CardSim();

    // Returns false when pcscd did not report the card within a few seconds, even after
    // re-inserting it once (vpcd may miss a card that arrives just after a removal).
    [[nodiscard]] bool insert();
    void remove();
    // True once the process has exited by itself (e.g. --remove-after), within `timeout`.
    bool exited(std::chrono::milliseconds timeout);
    const std::string& reader() const noexcept { return reader_; }

private:
    void start();
    void stop();

    int slot_;
    std::filesystem::path image_;
    std::vector<std::string> options_;
    std::string reader_;
    pid_t pid_ = -1;
};

} // namespace els::testing
