#pragma once

#include "els/smartcard/bytes.hpp"

#include <chrono>
#include <cstdint>
#include <optional>

namespace els::smartcard::sim {

// The card side of a vsmartcard-vpcd slot: a TCP client; connected = card inserted, closed =
// card removed. Every message is a 2-byte big-endian length and that many bytes.
class VpcdLink {
public:
    // Retries while the driver refuses (it re-opens its port a moment after a removal, and
    // pcscd may not run yet), backing off from 50 ms to 1 s, for as long as it takes.
    // Returns nullopt when `stopFd` (a signalfd) becomes readable first. Throws
    // std::runtime_error on any other connection failure.
    static std::optional<VpcdLink> connect(std::uint16_t port, int stopFd);

    VpcdLink(VpcdLink&& other) noexcept;
    VpcdLink& operator=(VpcdLink&&) = delete;
    VpcdLink(const VpcdLink&) = delete;
    ~VpcdLink();

    enum class Status { Message, Closed, Stopped };
    // Waits for one message, or for the driver to close, or for `stopFd`.
    Status receive(Bytes& message);
    // Throws std::runtime_error when the driver is gone.
    void send(ByteView message);

private:
    VpcdLink(int socket, int stopFd) : socket_(socket), stopFd_(stopFd) {}
    Status readExactly(std::uint8_t* buffer, std::size_t size);

    int socket_;
    int stopFd_;
};

} // namespace els::smartcard::sim
