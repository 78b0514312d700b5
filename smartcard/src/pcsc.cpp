#include "els/smartcard/pcsc.hpp"

#include "els/smartcard/error.hpp"
#include "pcsc-call.hpp"

#include <chrono>
#include <winscard.h>

namespace els::smartcard {

using detail::scard;

namespace {
// How long a suspicious transmit failure waits for pcscd to report a removal. Drivers without
// interrupts are polled (~400 ms for vpcd), and a loaded machine delays that: keep a margin.
constexpr auto removalPatience = std::chrono::milliseconds(3000);
} // namespace

struct Context::Impl {
    SCARDCONTEXT handle = 0;

    Impl() {
        scard("SCardEstablishContext", SCardEstablishContext, SCARD_SCOPE_SYSTEM, nullptr, nullptr,
              &handle);
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() { detail::scardQuiet("SCardReleaseContext", SCardReleaseContext, handle); }
};

struct Card::Impl {
    std::shared_ptr<Context::Impl> context;
    std::string reader;
    SCARDHANDLE handle = 0;
    DWORD protocol = 0;

    Impl(std::shared_ptr<Context::Impl> ctx, std::string name)
        : context(std::move(ctx)), reader(std::move(name)) {
        scard("SCardConnect", SCardConnect, context->handle, reader.c_str(), SCARD_SHARE_SHARED,
              SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &handle, &protocol);
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    // Leave the card powered: other applications may share it.
    ~Impl() { detail::scardQuiet("SCardDisconnect", SCardDisconnect, handle, SCARD_LEAVE_CARD); }

    // A card pulled mid-command may surface as a transport error or an empty response before
    // pcscd's reader polling notices the removal; wait briefly for the reader to tell.
    bool cardGone() const {
        try {
            DWORD state = 0;
            DWORD protocolNow = 0;
            DWORD atrLength = MAX_ATR_SIZE;
            BYTE atr[MAX_ATR_SIZE];
            scard("SCardStatus", SCardStatus, handle, nullptr, nullptr, &state, &protocolNow, atr,
                  &atrLength);
            if ((state & SCARD_PRESENT) == 0)
                return true;
            SCARD_READERSTATE reader{};
            reader.szReader = this->reader.c_str();
            reader.dwCurrentState = SCARD_STATE_UNAWARE;
            scard("SCardGetStatusChange", {SCARD_E_TIMEOUT}, SCardGetStatusChange, context->handle,
                  0, &reader, 1);
            const DWORD before = reader.dwEventState & ~SCARD_STATE_CHANGED;
            const auto deadline = std::chrono::steady_clock::now() + removalPatience;
            while ((reader.dwEventState & SCARD_STATE_PRESENT) &&
                   (reader.dwEventState >> 16) == (before >> 16)) {
                const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now());
                if (left.count() <= 0)
                    return false;
                reader.dwCurrentState = reader.dwEventState & ~SCARD_STATE_CHANGED;
                if (scard("SCardGetStatusChange", {SCARD_E_TIMEOUT}, SCardGetStatusChange,
                          context->handle, static_cast<DWORD>(left.count()), &reader,
                          1) == SCARD_E_TIMEOUT) {
                    return false;
                }
            }
            return true;
        } catch (const Error& e) {
            return e.code() == ErrorCode::CardRemoved || e.code() == ErrorCode::NoCard;
        }
    }
};

Context::Context() : impl_(std::make_shared<Impl>()) {}
Context::Context(Context&&) noexcept = default;
Context& Context::operator=(Context&&) noexcept = default;
Context::~Context() = default;

std::vector<std::string> Context::listReaders() const {
    return detail::listReaders(impl_->handle);
}

std::vector<ReaderStatus> Context::readerStatuses() const {
    const auto names = listReaders();
    std::vector<SCARD_READERSTATE> states(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        states[i].szReader = names[i].c_str();
        states[i].dwCurrentState = SCARD_STATE_UNAWARE;
    }
    std::vector<ReaderStatus> statuses;
    if (names.empty())
        return statuses;
    scard("SCardGetStatusChange", {SCARD_E_TIMEOUT}, SCardGetStatusChange, impl_->handle, 0,
          states.data(), static_cast<DWORD>(states.size()));
    for (std::size_t i = 0; i < names.size(); ++i) {
        statuses.push_back({names[i], (states[i].dwEventState & SCARD_STATE_PRESENT) != 0});
    }
    return statuses;
}

Card Context::connect(const std::string& reader) const {
    return Card(std::make_unique<Card::Impl>(impl_, reader));
}

Card::Card(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Card::Card(Card&&) noexcept = default;
Card& Card::operator=(Card&&) noexcept = default;
Card::~Card() = default;

ResponseApdu Card::transmit(const CommandApdu& command) {
    const Bytes request = command.bytes();
    // pcsc-lite refuses receive buffers above MAX_BUFFER_SIZE_EXTENDED; Ne = 65536 + SW fits.
    static_assert(CommandApdu::maxExtendedLe + 2 <= MAX_BUFFER_SIZE_EXTENDED);
    Bytes response(CommandApdu::maxExtendedLe + 2);
    DWORD responseLength = static_cast<DWORD>(response.size());
    const SCARD_IO_REQUEST* pci =
        impl_->protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    try {
        scard("SCardTransmit", SCardTransmit, impl_->handle, pci, request.data(),
              static_cast<DWORD>(request.size()), nullptr, response.data(), &responseLength);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::CardRemoved && impl_->cardGone()) {
            throw Error(ErrorCode::CardRemoved,
                        std::string("SCardTransmit: card removed (") + e.what() + ')');
        }
        throw;
    }
    if (responseLength < 2 && impl_->cardGone()) {
        throw Error(ErrorCode::CardRemoved, "SCardTransmit: card removed (empty response)");
    }
    response.resize(responseLength);
    return ResponseApdu::fromBytes(response);
}

Bytes Card::atr() const {
    DWORD state = 0;
    DWORD protocol = 0;
    DWORD atrLength = MAX_ATR_SIZE;
    Bytes atr(MAX_ATR_SIZE);
    scard("SCardStatus", SCardStatus, impl_->handle, nullptr, nullptr, &state, &protocol,
          atr.data(), &atrLength);
    atr.resize(atrLength);
    return atr;
}

void Card::reconnect() {
    scard("SCardReconnect", SCardReconnect, impl_->handle, SCARD_SHARE_SHARED,
          SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, SCARD_LEAVE_CARD, &impl_->protocol);
}

const std::string& Card::reader() const noexcept {
    return impl_->reader;
}

Transaction::Transaction(Card& card) : card_(card) {
    scard("SCardBeginTransaction", SCardBeginTransaction, card_.impl().handle);
}

Transaction::~Transaction() {
    // Failing here means the card is already gone; the caller has or will hear of it.
    detail::scardQuiet("SCardEndTransaction", SCardEndTransaction, card_.impl().handle,
                       SCARD_LEAVE_CARD);
}

} // namespace els::smartcard
