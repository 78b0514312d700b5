#include "els/smartcard/pcsc.hpp"

#include "els/smartcard/error.hpp"
#include "pcsc-call.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <winscard.h>

namespace els::smartcard {

using detail::scard;

namespace {
// How long a suspicious transmit failure waits for pcscd to report a removal. Drivers without
// interrupts are polled (~400 ms for vpcd), and a loaded machine delays that: keep a margin.
constexpr auto removalPatience = std::chrono::milliseconds(3000);
// For callers that never set one (ElsReader always does).
constexpr auto defaultResponseTimeout = std::chrono::milliseconds(10'000);
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

// The PC/SC card handle, shared by a Card and its transmit thread: whichever lets go of it
// last disconnects, resetting the card when asked to.
struct CardHandle {
    std::shared_ptr<Context::Impl> context;
    SCARDHANDLE handle = 0;
    DWORD protocol = 0;
    std::atomic<DWORD> disposition{SCARD_LEAVE_CARD}; // leave it powered: others may share it

    CardHandle(std::shared_ptr<Context::Impl> ctx, const std::string& reader)
        : context(std::move(ctx)) {
        scard("SCardConnect", SCardConnect, context->handle, reader.c_str(), SCARD_SHARE_SHARED,
              SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &handle, &protocol);
    }
    CardHandle(const CardHandle&) = delete;
    CardHandle& operator=(const CardHandle&) = delete;
    ~CardHandle() {
        detail::scardQuiet("SCardDisconnect", SCardDisconnect, handle, disposition.load());
    }
};

// pcsc-lite cannot interrupt an SCardTransmit: SCardCancel ends only SCardGetStatusChange,
// and a card that never answers keeps the call (and every other call on its context) blocked
// until the driver gives up, which vpcd and some readers never do, or the card is pulled. So
// transmits run on this thread and the caller waits no longer than its timeout. Past it, the
// thread is left to finish alone: when pcscd lets go it ends, and the last reference to the
// handle resets the card and disconnects.
class TransmitThread {
public:
    explicit TransmitThread(std::shared_ptr<CardHandle> handle)
        : shared_(std::make_shared<Shared>(std::move(handle))),
          thread_([shared = shared_] { run(*shared); }) {}
    TransmitThread(const TransmitThread&) = delete;
    TransmitThread& operator=(const TransmitThread&) = delete;
    ~TransmitThread() {
        {
            const std::lock_guard lock(shared_->mutex);
            shared_->stop = true;
        }
        shared_->wake.notify_all();
        if (abandoned_)
            thread_.detach();
        else
            thread_.join();
    }

    // SCardTransmit's result, with the answer in `response`; nullopt when the card did not
    // answer within `timeout`: this thread and the handle are then given up.
    std::optional<LONG> transmit(ByteView request, Bytes& response,
                                 std::chrono::milliseconds timeout) {
        std::unique_lock lock(shared_->mutex);
        shared_->request.assign(request.begin(), request.end());
        shared_->done = false;
        shared_->pending = true;
        shared_->wake.notify_all();
        if (!shared_->wake.wait_for(lock, timeout, [this] { return shared_->done; })) {
            abandoned_ = true;
            return std::nullopt;
        }
        response.assign(shared_->response.begin(),
                        shared_->response.begin() + shared_->responseLength);
        return shared_->result;
    }

    bool abandoned() const noexcept { return abandoned_; }

private:
    struct Shared {
        explicit Shared(std::shared_ptr<CardHandle> h) : handle(std::move(h)) {}
        std::shared_ptr<CardHandle> handle;
        std::mutex mutex;
        std::condition_variable wake;
        bool pending = false;
        bool done = false;
        bool stop = false;
        // Owned by the thread while a transmit is pending; one buffer for every answer.
        Bytes request;
        // pcsc-lite refuses receive buffers above MAX_BUFFER_SIZE_EXTENDED; Ne = 65536 + SW fits.
        Bytes response = Bytes(CommandApdu::maxExtendedLe + 2);
        DWORD responseLength = 0;
        LONG result = SCARD_S_SUCCESS;
    };
    static_assert(CommandApdu::maxExtendedLe + 2 <= MAX_BUFFER_SIZE_EXTENDED);

    static void run(Shared& shared) {
        std::unique_lock lock(shared.mutex);
        for (;;) {
            shared.wake.wait(lock, [&] { return shared.pending || shared.stop; });
            if (shared.stop)
                return;
            shared.pending = false;
            lock.unlock();
            DWORD length = static_cast<DWORD>(shared.response.size());
            const SCARD_IO_REQUEST* pci =
                shared.handle->protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
            const LONG result = SCardTransmit(shared.handle->handle, pci, shared.request.data(),
                                              static_cast<DWORD>(shared.request.size()), nullptr,
                                              shared.response.data(), &length);
            lock.lock();
            shared.result = result;
            shared.responseLength = result == SCARD_S_SUCCESS ? length : 0;
            shared.done = true;
            shared.wake.notify_all();
        }
    }

    std::shared_ptr<Shared> shared_;
    std::thread thread_;
    bool abandoned_ = false;
};

struct Card::Impl {
    std::string reader;
    std::shared_ptr<CardHandle> card;
    std::chrono::milliseconds responseTimeout = defaultResponseTimeout;
    std::optional<TransmitThread> transmitter; // started by the first transmit

    Impl(std::shared_ptr<Context::Impl> ctx, std::string name)
        : reader(std::move(name)), card(std::make_shared<CardHandle>(std::move(ctx), reader)) {}
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    bool abandoned() const noexcept { return transmitter && transmitter->abandoned(); }

    // After a transmit was given up, every call on this handle's context would block behind it.
    void checkUsable() const {
        if (abandoned()) {
            throw Error(ErrorCode::CardUnresponsive,
                        "card stopped answering; take it out and insert it again");
        }
    }

    // A card pulled mid-command may surface as a transport error or an empty response before
    // pcscd's reader polling notices the removal; wait briefly for the reader to tell.
    bool cardGone() const {
        try {
            DWORD state = 0;
            DWORD protocolNow = 0;
            DWORD atrLength = MAX_ATR_SIZE;
            BYTE atr[MAX_ATR_SIZE];
            scard("SCardStatus", SCardStatus, card->handle, nullptr, nullptr, &state, &protocolNow,
                  atr, &atrLength);
            if ((state & SCARD_PRESENT) == 0)
                return true;
            SCARD_READERSTATE readerState{};
            readerState.szReader = reader.c_str();
            readerState.dwCurrentState = SCARD_STATE_UNAWARE;
            const SCARDCONTEXT context = card->context->handle;
            scard("SCardGetStatusChange", {SCARD_E_TIMEOUT}, SCardGetStatusChange, context, 0,
                  &readerState, 1);
            const DWORD before = readerState.dwEventState & ~SCARD_STATE_CHANGED;
            const auto deadline = std::chrono::steady_clock::now() + removalPatience;
            while ((readerState.dwEventState & SCARD_STATE_PRESENT) &&
                   (readerState.dwEventState >> 16) == (before >> 16)) {
                const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now());
                if (left.count() <= 0)
                    return false;
                readerState.dwCurrentState = readerState.dwEventState & ~SCARD_STATE_CHANGED;
                if (scard("SCardGetStatusChange", {SCARD_E_TIMEOUT}, SCardGetStatusChange, context,
                          static_cast<DWORD>(left.count()), &readerState, 1) == SCARD_E_TIMEOUT) {
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
        statuses.push_back({names[i], (states[i].dwEventState & SCARD_STATE_PRESENT) != 0,
                            (states[i].dwEventState & SCARD_STATE_MUTE) != 0});
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
    impl_->checkUsable();
    if (!impl_->transmitter)
        impl_->transmitter.emplace(impl_->card);
    Bytes response;
    const auto result =
        impl_->transmitter->transmit(command.bytes(), response, impl_->responseTimeout);
    if (!result) {
        // The card is reset when the thread lets go of it, so it is clean for the next read.
        impl_->card->disposition = SCARD_RESET_CARD;
        throw Error(ErrorCode::CardUnresponsive,
                    "SCardTransmit: no answer from the card within " +
                        std::to_string(impl_->responseTimeout.count()) + " ms");
    }
    if (*result != SCARD_S_SUCCESS) {
        try {
            detail::throwPcscError("SCardTransmit", *result);
        } catch (const Error& e) {
            if (e.code() != ErrorCode::CardRemoved && impl_->cardGone()) {
                throw Error(ErrorCode::CardRemoved,
                            std::string("SCardTransmit: card removed (") + e.what() + ')');
            }
            throw;
        }
    }
    if (response.size() < 2 && impl_->cardGone()) {
        throw Error(ErrorCode::CardRemoved, "SCardTransmit: card removed (empty response)");
    }
    return ResponseApdu::fromBytes(response);
}

void Card::setResponseTimeout(std::chrono::milliseconds timeout) {
    impl_->responseTimeout = timeout;
}

void Card::resetWhenReleased() noexcept {
    impl_->card->disposition = SCARD_RESET_CARD;
}

Bytes Card::atr() const {
    impl_->checkUsable();
    DWORD state = 0;
    DWORD protocol = 0;
    DWORD atrLength = MAX_ATR_SIZE;
    Bytes atr(MAX_ATR_SIZE);
    scard("SCardStatus", SCardStatus, impl_->card->handle, nullptr, nullptr, &state, &protocol,
          atr.data(), &atrLength);
    atr.resize(atrLength);
    return atr;
}

void Card::reconnect() {
    impl_->checkUsable();
    scard("SCardReconnect", SCardReconnect, impl_->card->handle, SCARD_SHARE_SHARED,
          SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, SCARD_LEAVE_CARD, &impl_->card->protocol);
}

const std::string& Card::reader() const noexcept {
    return impl_->reader;
}

Transaction::Transaction(Card& card) : card_(card) {
    card_.impl().checkUsable();
    scard("SCardBeginTransaction", SCardBeginTransaction, card_.impl().card->handle);
}

Transaction::~Transaction() {
    // A card given up on still blocks its context: the disconnect with reset ends the
    // transaction. Failing here means the card is already gone; the caller has or will hear.
    if (card_.impl().abandoned())
        return;
    detail::scardQuiet("SCardEndTransaction", SCardEndTransaction, card_.impl().card->handle,
                       SCARD_LEAVE_CARD);
}

} // namespace els::smartcard
