#pragma once

// Internal: what two successive SCardGetStatusChange states of one reader mean for its card.

#include <winscard.h>

namespace els::smartcard::detail {

struct CardChange {
    bool removed = false;
    bool inserted = false;

    bool operator==(const CardChange&) const = default;
};

// pcsc-lite keeps a per-reader count of insertions and removals in the high 16 bits of
// dwEventState: a card swapped between two waits shows up there although "present" never
// changed. The count starts at 0 for a card present when pcscd started, so 0 is a count
// like any other.
inline CardChange cardChange(DWORD before, DWORD now) {
    const bool wasPresent = (before & SCARD_STATE_PRESENT) != 0;
    const bool isPresent = (now & SCARD_STATE_PRESENT) != 0;
    const bool swapped = wasPresent && isPresent && (before >> 16) != (now >> 16);
    return {wasPresent && (!isPresent || swapped), isPresent && (!wasPresent || swapped)};
}

} // namespace els::smartcard::detail
