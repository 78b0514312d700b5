#pragma once

#include "els/smartcard/apdu-channel.hpp"
#include "els/smartcard/bytes.hpp"

#include <memory>
#include <string>
#include <vector>

namespace els::smartcard {

class Card;

struct ReaderStatus {
    std::string name;
    bool cardPresent = false;
    // Present but without an answer to reset (SCARD_STATE_MUTE): a card in the reader that
    // cannot be used. (vpcd reports a card with an empty ATR as no card at all.)
    bool cardMute = false;
};

// A PC/SC resource-manager context (SCardEstablishContext). Every failure of the underlying
// SCard* calls surfaces as els::smartcard::Error with a mapped ErrorCode.
class Context {
public:
    Context();
    Context(Context&&) noexcept;
    Context& operator=(Context&&) noexcept;
    ~Context();

    // Empty when pcscd runs but no reader is attached.
    std::vector<std::string> listReaders() const;
    std::vector<ReaderStatus> readerStatuses() const;
    // Shared mode, T=0 or T=1, whichever the card offers.
    Card connect(const std::string& reader) const;

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

// A connected card. Keeps its context alive, so it may outlive the Context object.
class Card final : public ApduChannel {
public:
    Card(Card&&) noexcept;
    Card& operator=(Card&&) noexcept;
    ~Card() override;

    // Waits at most the response timeout; past it throws Error(CardUnresponsive), and the Card
    // is given up: every later call throws the same, and the card is reset and released once
    // pcscd lets go of it (a mute card behind vpcd: when it is pulled).
    ResponseApdu transmit(const CommandApdu& command) override;
    void setResponseTimeout(std::chrono::milliseconds timeout) override;
    // Reset the card instead of leaving it as it is when this Card goes.
    void resetWhenReleased() noexcept;
    Bytes atr() const;
    // After another application reset the card (ErrorCode::CardReset), PC/SC refuses this
    // handle until it reconnects; the card keeps its power, but its selections are gone.
    void reconnect();
    const std::string& reader() const noexcept;

    struct Impl;
    Impl& impl() noexcept { return *impl_; }

private:
    friend class Context;
    explicit Card(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Exclusive access to a card for a sequence of APDUs (SCardBeginTransaction). Ends the
// transaction, leaving the card as it is, when it goes out of scope.
class Transaction {
public:
    explicit Transaction(Card& card);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

private:
    Card& card_;
};

} // namespace els::smartcard
