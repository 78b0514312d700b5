#pragma once

#include "els/smartcard/bytes.hpp"

#include <cstdint>

namespace els::smartcard::der {

// Universal tags the ELS content uses.
enum Tag : std::uint8_t {
    Integer = 0x02,
    Utf8String = 0x0C,
    PrintableString = 0x13,
    T61String = 0x14,
    Ia5String = 0x16,
    UtcTime = 0x17,
    GeneralizedTime = 0x18,
    Sequence = 0x30,
};

// One tag-length-value element; both views point into the walked buffer.
struct Tlv {
    std::uint8_t tag = 0;
    ByteView value;
    ByteView encoded; // tag, length and value
};

// Files on a chip are often larger than the document they hold: only 00 or FF fill may
// follow the document.
bool isFill(ByteView rest) noexcept;

// Appends a tag and a minimal DER length for a value of `length` bytes.
void appendHeader(Bytes& out, std::uint8_t tag, std::size_t length);

// Bounds-checked walker over a run of DER elements. Accepts definite lengths in short and
// long form (also non-minimal long forms, which card personalisation tools are known to
// write); rejects indefinite lengths, high tag numbers and lengths past the buffer's end.
// Every failure throws Error(ErrorCode::MalformedData).
class Reader {
public:
    explicit Reader(ByteView bytes) noexcept : rest_(bytes) {}

    bool atEnd() const noexcept { return rest_.empty(); }
    std::uint8_t peekTag() const; // throws at the end
    Tlv next();
    // next(), then checks the tag; `what` names the field in the error message.
    Tlv expect(std::uint8_t tag, const char* what);
    // Throws unless every byte has been consumed.
    void expectEnd(const char* what) const;

private:
    ByteView rest_;
};

} // namespace els::smartcard::der
