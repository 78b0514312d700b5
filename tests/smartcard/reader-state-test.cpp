// What the card monitor reports for two successive reader states (pcsc-lite dwEventState).
#include "reader-state.hpp"

#include <gtest/gtest.h>

using els::smartcard::detail::CardChange;
using els::smartcard::detail::cardChange;

namespace {
constexpr DWORD empty = SCARD_STATE_EMPTY;
constexpr DWORD present = SCARD_STATE_PRESENT;
DWORD counted(DWORD state, DWORD counter) {
    return counter << 16 | state;
}
} // namespace

TEST(CardChange, firstLookAtAReader_reportsACardThatIsThere) {
    EXPECT_EQ(cardChange(SCARD_STATE_UNAWARE, counted(present, 3)), (CardChange{false, true}));
    EXPECT_EQ(cardChange(SCARD_STATE_UNAWARE, counted(empty, 2)), (CardChange{false, false}));
}

TEST(CardChange, insertAndRemove) {
    EXPECT_EQ(cardChange(counted(empty, 2), counted(present, 3)), (CardChange{false, true}));
    EXPECT_EQ(cardChange(counted(present, 3), counted(empty, 4)), (CardChange{true, false}));
}

TEST(CardChange, cardSwappedBetweenWaits_isRemovedThenInserted) {
    EXPECT_EQ(cardChange(counted(present, 3), counted(present, 5)), (CardChange{true, true}));
}

TEST(CardChange, cardPresentSincePcscdStarted_hasCounterZeroAndIsStillSeenSwapped) {
    EXPECT_EQ(cardChange(counted(present, 0), counted(present, 2)), (CardChange{true, true}));
}

TEST(CardChange, otherBitsChanging_isNoCardEvent) {
    // Another application connecting flips INUSE; the count stays.
    EXPECT_EQ(cardChange(counted(present, 3), counted(present | SCARD_STATE_INUSE, 3)),
              (CardChange{false, false}));
    EXPECT_EQ(cardChange(counted(empty, 4), counted(empty, 4)), (CardChange{false, false}));
}
