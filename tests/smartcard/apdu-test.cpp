#include "els/smartcard/apdu.hpp"
#include "els/smartcard/error.hpp"

#include <gtest/gtest.h>

using namespace els::smartcard;

namespace {
std::string hex(const CommandApdu& apdu) {
    return toHex(apdu.bytes());
}
} // namespace

TEST(CommandApdu, case1_hasHeaderOnly) {
    EXPECT_EQ(hex({0x00, 0xA4, 0x00, 0x00, {}, std::nullopt}), "00A40000");
}

TEST(CommandApdu, case2Short_encodesLe256AsZero) {
    EXPECT_EQ(hex(CommandApdu::readBinary(0x0102, 256)), "00B0010200");
    EXPECT_EQ(hex(CommandApdu::readBinary(0, 0xDF)), "00B00000DF");
}

TEST(CommandApdu, case2Extended_encodesLeWithLeadingZero) {
    EXPECT_EQ(hex(CommandApdu::readBinary(0, 65536)), "00B00000000000");
    EXPECT_EQ(hex(CommandApdu::readBinary(0x7FFF, 300)), "00B07FFF00012C");
    EXPECT_TRUE(CommandApdu::readBinary(0, 257).isExtended());
    EXPECT_FALSE(CommandApdu::readBinary(0, 256).isExtended());
}

TEST(CommandApdu, selectFactories_matchTheElsReaders) {
    const Bytes aid = fromHex("D6160000300101");
    EXPECT_EQ(hex(CommandApdu::selectAid(aid)), "00A4040C07D6160000300101");
    EXPECT_EQ(hex(CommandApdu::selectFile(0x0002)), "00A4020C020002");
    EXPECT_EQ(hex(CommandApdu::select(0x04, 0x00, aid, 256)), "00A4040007D616000030010100");
}

TEST(CommandApdu, getResponse_isCase2) {
    EXPECT_EQ(hex(CommandApdu::getResponse(0x10)), "00C0000010");
    EXPECT_EQ(hex(CommandApdu::getResponse(256)), "00C0000000");
}

TEST(CommandApdu, case4Extended_whenDataExceeds255Bytes) {
    const CommandApdu apdu{0x00, 0x2A, 0x9E, 0x9A, Bytes(300, 0xAB), 65536};
    const Bytes bytes = apdu.bytes();
    ASSERT_EQ(bytes.size(), 4u + 3 + 300 + 2);
    EXPECT_EQ(toHex(ByteView(bytes).first(7)), "002A9E9A00012C");
    EXPECT_EQ(toHex(ByteView(bytes).last(2)), "0000");
}

TEST(CommandApdu, case3And4Short) {
    EXPECT_EQ(hex({0x00, 0x22, 0x41, 0xA4, {0x80, 0x01}, std::nullopt}), "002241A4028001");
    EXPECT_EQ(hex({0x00, 0x88, 0x00, 0x00, {0x01}, 0x80}), "008800000101"
                                                           "80");
}

TEST(CommandApdu, invalidLengths_throw) {
    EXPECT_THROW(CommandApdu::readBinary(0x8000, 1), std::invalid_argument);
    EXPECT_THROW(CommandApdu::readBinary(0, 0).bytes(), std::invalid_argument);
    EXPECT_THROW(CommandApdu::readBinary(0, 65537).bytes(), std::invalid_argument);
}

TEST(ResponseApdu, fromBytes_splitsDataAndStatus) {
    const auto response = ResponseApdu::fromBytes(fromHex("0102036282"));
    EXPECT_EQ(response.data, fromHex("010203"));
    EXPECT_EQ(response.sw(), 0x6282);
    EXPECT_FALSE(response.isOk());
    EXPECT_EQ(toHex(response.bytes()), "0102036282");
    EXPECT_TRUE(ResponseApdu::fromBytes(fromHex("9000")).isOk());
}

TEST(ResponseApdu, fromBytes_withoutStatusWord_isCardUnresponsive) {
    try {
        ResponseApdu::fromBytes(fromHex("90"));
        FAIL() << "no exception";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::CardUnresponsive);
    }
}
