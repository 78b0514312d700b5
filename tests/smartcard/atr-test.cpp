#include "els/smartcard/atr.hpp"

#include <gtest/gtest.h>

using namespace els::smartcard;

namespace {
std::optional<Atr> parse(const std::string& hex) {
    return Atr::parse(fromHex(hex));
}
} // namespace

TEST(Atr, t0Only_needsNoTck) {
    const auto atr = parse("3B021450");
    ASSERT_TRUE(atr);
    EXPECT_EQ(atr->protocols, std::vector<unsigned>{0});
    EXPECT_EQ(toHex(atr->historical), "1450");
    EXPECT_EQ(atr->extendedLength, std::nullopt) << "proprietary category: the card says nothing";
}

TEST(Atr, t0AndT1_withCorrectTck) {
    const auto atr = parse("3B80800101");
    ASSERT_TRUE(atr);
    EXPECT_EQ(atr->protocols, (std::vector<unsigned>{0, 1}));
    EXPECT_TRUE(atr->historical.empty());
}

TEST(Atr, starcosStyleAtrWithInterfaceBytes_parses) {
    // TA1 TB1 TD1 (T=1) | TD2 (T=1) | TA3 TB3, seven historical bytes, TCK.
    const auto atr = parse("3BB794008131FE6553504B32339000D1");
    ASSERT_TRUE(atr);
    EXPECT_EQ(atr->protocols, (std::vector<unsigned>{1, 1}));
    EXPECT_EQ(toHex(atr->historical), "53504B32339000");
    EXPECT_EQ(atr->extendedLength, std::nullopt);
}

TEST(Atr, malformed_isRejected) {
    for (const std::string hex : {"", "3B", "3A021450", "3B0214", "3B02145000", "3B808001",
                                  "3B80800102", "3B8080010100", "3B9011", "3BF0"}) {
        SCOPED_TRACE(hex);
        EXPECT_FALSE(parse(hex));
    }
    EXPECT_FALSE(Atr::parse(Bytes(34, 0x3B))) << "longer than 33 bytes";
}

TEST(Atr, cardCapabilitiesInCategory80_announceExtendedLength) {
    // T0=85: TD1 and five historical bytes; 80 | 73 90 01 40.
    const auto extended = parse("3B858001807390014026");
    ASSERT_TRUE(extended);
    EXPECT_EQ(extended->extendedLength, true);
    const auto shortOnly = parse("3B858001807390010066");
    ASSERT_TRUE(shortOnly);
    EXPECT_EQ(shortOnly->extendedLength, false);
}

TEST(Atr, cardCapabilitiesInCategory00_skipTheStatusIndicator) {
    // 00 | 73 00 00 40 | status indicator 00 9000.
    const auto atr = parse("3B88800100730000400090"
                           "00AA");
    ASSERT_TRUE(atr);
    EXPECT_EQ(atr->extendedLength, true);
}

TEST(Atr, cardCapabilitiesAfterOtherObjects_areFound) {
    // 80 | 31 C0 (card service data) | 73 90 01 40; T=0 only.
    const auto atr = parse("3B07"
                           "8031C073900140");
    ASSERT_TRUE(atr);
    EXPECT_EQ(atr->extendedLength, true);
}

TEST(Atr, incompleteCapabilities_sayNothing) {
    // Only the first two tables: no word about extended length.
    EXPECT_EQ(parse("3B04807290"
                    "01")
                  ->extendedLength,
              std::nullopt);
    // An object running past the historical bytes.
    EXPECT_EQ(parse("3B03807390")->extendedLength, std::nullopt);
}
