// libFuzzer target for the APDU reader: readElsFiles (els-application.cpp) over a channel whose
// every answer (and transport failure, and the time it took) comes from the fuzz input. Only
// els::smartcard::Error may come out; a successful read must hold what readElsFiles promises.
//
// Input: byte 0 = options (bit 0: extended length); then per APDU: one byte of elapsed time
// (x 40 ms), one kind byte (FF: transport failure with the code in the next byte, else the
// response length is kind, or with kind FE the next two bytes big-endian), then the response.
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "fuzz-input.hpp"

#include <cstdlib>

using namespace els::smartcard;

namespace {

constexpr unsigned maxApdus = 100'000; // far beyond what the limits allow: a loop, then

class FuzzChannel final : public ApduChannel {
public:
    explicit FuzzChannel(els::fuzz::FuzzInput& input) : input_(input) {}

    ResponseApdu transmit(const CommandApdu& command) override {
        if (++transmits > maxApdus || command.bytes().size() < 4)
            std::abort();
        now += std::chrono::milliseconds(40 * input_.byte());
        if (input_.empty())
            throw Error(ErrorCode::CardRemoved, "fuzz input exhausted");
        const std::uint8_t kind = input_.byte();
        if (kind == 0xFF) {
            const auto code =
                static_cast<ErrorCode>(input_.byte() % (static_cast<int>(ErrorCode::Internal) + 1));
            throw Error(code, "transport failure from the fuzz input");
        }
        std::size_t length = kind;
        if (kind == 0xFE)
            length = static_cast<std::size_t>(input_.byte()) << 8 | input_.byte();
        const auto bytes = input_.take(length);
        return ResponseApdu::fromBytes(ByteView(bytes.data(), bytes.size()));
    }
    void setResponseTimeout(std::chrono::milliseconds timeout) override {
        if (timeout.count() <= 0)
            std::abort(); // the reader must stop before its deadline, not ask for 0 ms
    }

    std::chrono::steady_clock::time_point now{};
    unsigned transmits = 0;

private:
    els::fuzz::FuzzInput& input_;
};

// A complete DER SEQUENCE of at most `limit` bytes, as readElsFiles promises.
bool wholeSequence(const Bytes& file, std::size_t limit) {
    return file.size() >= 2 && file.size() <= limit && file[0] == 0x30;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    els::fuzz::FuzzInput input(data, size);
    ReadOptions options;
    options.extendedLength = (input.byte() & 1) != 0;
    options.maxFileSize = 4096; // small files keep the executions fast
    FuzzChannel channel(input);
    options.now = [&channel] { return channel.now; };
    try {
        const ElsFiles files = readElsFiles(channel, options);
        if (!wholeSequence(files.els, options.maxFileSize) ||
            files.apduCount != channel.transmits ||
            (!files.certificate.empty() && !wholeSequence(files.certificate, options.maxFileSize)))
            std::abort();
    } catch (const Error&) {
    }
    return 0;
}
