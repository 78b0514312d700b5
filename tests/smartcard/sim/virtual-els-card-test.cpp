// The virtual card against ISO 7816-4, and the ELS reader against the virtual card in process
// (no pcscd): the APDU counts must be the minimum each card behaviour allows.
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "virtual-els-card.hpp"

#include <gtest/gtest.h>

using namespace els::smartcard;
using els::smartcard::sim::Behaviour;
using els::smartcard::sim::VirtualElsCard;

namespace {

Bytes derFile(std::size_t contentSize) {
    Bytes file{0x30, 0x82, static_cast<std::uint8_t>(contentSize >> 8),
               static_cast<std::uint8_t>(contentSize)};
    for (std::size_t i = 0; i < contentSize; ++i)
        file.push_back(static_cast<std::uint8_t>(i * 13));
    return file;
}

const Bytes elsFile = derFile(1700);
const Bytes certFile = derFile(900);

VirtualElsCard card(Behaviour behaviour = {}) {
    return VirtualElsCard({{0x0002, elsFile}, {0x0001, certFile}}, behaviour);
}

std::string respond(VirtualElsCard& card, const std::string& commandHex) {
    return toHex(card.respond(fromHex(commandHex)));
}

class InProcessChannel final : public ApduChannel {
public:
    explicit InProcessChannel(VirtualElsCard& card) : card_(card) {}
    ResponseApdu transmit(const CommandApdu& command) override {
        return ResponseApdu::fromBytes(card_.respond(command.bytes()));
    }

private:
    VirtualElsCard& card_;
};

unsigned chunks(std::size_t size, std::size_t chunk) {
    return static_cast<unsigned>((size + chunk - 1) / chunk);
}

ElsFiles readFrom(Behaviour behaviour) {
    auto virtualCard = card(behaviour);
    InProcessChannel channel(virtualCard);
    return readElsFiles(channel);
}

} // namespace

TEST(VirtualElsCard, selectsTheApplicationThenItsFiles) {
    auto c = card();
    EXPECT_EQ(respond(c, "00A4020C020002"), "6A82") << "EFs live inside the application";
    EXPECT_EQ(respond(c, "00A4040C07D6160000300102"), "6A82");
    EXPECT_EQ(respond(c, "00A4040C07D6160000300101"), "9000");
    EXPECT_EQ(respond(c, "00A4040007D616000030010100"), "6F098407D61600003001019000");
    EXPECT_EQ(respond(c, "00A4020C020003"), "6A82");
    EXPECT_EQ(respond(c, "00A4000002000200"), "6F048002"
                                              "06A8"
                                              "9000");
    EXPECT_EQ(respond(c, "00A4020402000200"), "6A86");
    EXPECT_EQ(respond(c, "00A4080C020002"), "6A86");
}

TEST(VirtualElsCard, readBinary_followsIso7816) {
    auto c = card();
    EXPECT_EQ(respond(c, "00B0000004"), "6986") << "no current EF";
    respond(c, "00A4040C07D6160000300101");
    respond(c, "00A4020C020002");
    EXPECT_EQ(respond(c, "00B0000004"), "308206A49000");
    EXPECT_EQ(respond(c, "00B006A700"), toHex(ByteView(elsFile).last(1)) + "6282");
    EXPECT_EQ(respond(c, "00B006A801"), "6B00");
    EXPECT_EQ(respond(c, "00B00000"), "6700") << "READ BINARY needs Le";
    EXPECT_EQ(respond(c, "00B0810004"), "6A81") << "short EF identifiers unsupported";
    EXPECT_EQ(toHex(c.respond(fromHex("00B00000000000"))), toHex(elsFile) + "6282");
}

TEST(VirtualElsCard, rejectsWhatItDoesNotKnow) {
    auto c = card({.t0 = false, .extendedLength = false, .maxLe = 65536});
    EXPECT_EQ(respond(c, "80A4040C07D6160000300101"), "6E00");
    EXPECT_EQ(respond(c, "00CA9F7F00"), "6D00");
    EXPECT_EQ(respond(c, "00C0000010"), "6985") << "nothing to get";
    EXPECT_EQ(respond(c, "00B0"), "6700");
    EXPECT_EQ(respond(c, "00A4040C09D6160000300101"), "6700") << "Lc longer than the data";
    respond(c, "00A4040C07D6160000300101");
    respond(c, "00A4020C020002");
    EXPECT_EQ(respond(c, "00B00000000000"), "6700") << "extended length disabled";
}

TEST(VirtualElsCard, maxLe_answers6CxxWithTheLargestAllowedCount) {
    auto c = card({.t0 = false, .extendedLength = true, .maxLe = 100});
    respond(c, "00A4040C07D6160000300101");
    respond(c, "00A4020C020002");
    EXPECT_EQ(respond(c, "00B0000000"), "6C64");
    EXPECT_EQ(respond(c, "00B006A400"), "6C04") << "only four bytes left";
}

TEST(VirtualElsCard, t0_announcesDataAndHandsItOutByGetResponse) {
    auto c = card({.t0 = true, .extendedLength = true, .maxLe = 65536});
    respond(c, "00A4040C07D6160000300101");
    respond(c, "00A4020C020002");
    EXPECT_EQ(respond(c, "00B0000004"), "6104");
    EXPECT_EQ(respond(c, "00C0000005"), "6C04");
    EXPECT_EQ(respond(c, "00C0000002"), "30826102");
    EXPECT_EQ(respond(c, "00C0000002"), "06A49000");
    EXPECT_EQ(respond(c, "00C0000002"), "6985");
}

TEST(ReadElsFilesOnVirtualCard, extendedCard_needsFiveApdus) {
    const auto files = readFrom({});
    EXPECT_EQ(files.els, elsFile);
    EXPECT_EQ(files.certificate, certFile);
    EXPECT_EQ(files.apduCount, 5u);
}

TEST(ReadElsFilesOnVirtualCard, shortOnlyCard_learnsOnceAndReads256ByteChunks) {
    const auto files = readFrom({.t0 = false, .extendedLength = false, .maxLe = 65536});
    EXPECT_EQ(files.els, elsFile);
    EXPECT_EQ(files.certificate, certFile);
    EXPECT_EQ(files.apduCount,
              2 + 1 + chunks(elsFile.size(), 256) + 1 + chunks(certFile.size(), 256));
}

TEST(ReadElsFilesOnVirtualCard, smallMaxLe_learnsFrom6CxxOnce) {
    const auto files = readFrom({.t0 = false, .extendedLength = true, .maxLe = 100});
    EXPECT_EQ(files.els, elsFile);
    EXPECT_EQ(files.certificate, certFile);
    EXPECT_EQ(files.apduCount,
              2 + 1 + chunks(elsFile.size(), 100) + 1 + chunks(certFile.size(), 100));
}

TEST(ReadElsFilesOnVirtualCard, t0Card_costsOneGetResponsePer256Bytes) {
    const auto files = readFrom({.t0 = true, .extendedLength = true, .maxLe = 65536});
    EXPECT_EQ(files.els, elsFile);
    EXPECT_EQ(files.certificate, certFile);
    EXPECT_EQ(files.apduCount,
              2 + 1 + chunks(elsFile.size(), 256) + 1 + 1 + chunks(certFile.size(), 256));
}
