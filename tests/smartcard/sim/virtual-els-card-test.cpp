// The virtual card against ISO 7816-4, and the ELS reader against the virtual card in process
// (no pcscd): the APDU counts must be the minimum each card behaviour allows.
#include "els/smartcard/atr.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "virtual-els-card.hpp"

#include <gtest/gtest.h>

using namespace els::smartcard;
using els::smartcard::sim::atrFor;
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

std::string hexSlice(const Bytes& bytes, std::size_t offset, std::size_t count) {
    return toHex(ByteView(bytes).subspan(offset, count));
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

TEST(VirtualElsCard, classByte_isCheckedLikeACardWithoutChannelsOrSecureMessaging) {
    auto c = card();
    const std::string select = "A4040C07D6160000300101";
    for (const auto& [cla, sw] : std::vector<std::pair<std::string, std::string>>{
             {"80", "6E00"},    // proprietary class
             {"A0", "6E00"},    // GSM-style proprietary class
             {"FF", "6E00"},    // invalid
             {"20", "6E00"},    // RFU
             {"01", "6881"},    // logical channel 1
             {"43", "6881"},    // further interindustry: channel 7
             {"04", "6882"},    // proprietary secure messaging
             {"0C", "6882"},    // ISO secure messaging, header authenticated
             {"60", "6882"},    // further interindustry with secure messaging
             {"10", "6884"}}) { // command chaining
        SCOPED_TRACE(cla);
        EXPECT_EQ(respond(c, cla + select), sw);
    }
    EXPECT_EQ(respond(c, "00" + select), "9000");
}

TEST(VirtualElsCard, select_isStrictAboutP2AndLe) {
    auto c = card();
    EXPECT_EQ(respond(c, "00A4040C07D616000030010100"), "6700") << "P2=0C (no data) with Le";
    EXPECT_EQ(respond(c, "00A4040C07D6160000300101"), "9000");
    EXPECT_EQ(respond(c, "00A4020C02000200"), "6700") << "P2=0C with Le, EF";
    EXPECT_EQ(respond(c, "00A4020002000204"), "6C06") << "Le too small for the FCI";
    EXPECT_EQ(respond(c, "00A4020002000206"), "6F04800206A89000");
    EXPECT_EQ(respond(c, "00A40200020002"), "9000") << "FCI asked for but no Le: no data";
    EXPECT_EQ(respond(c, "00A4040007D6160000300101"), "9000");
}

TEST(VirtualElsCard, selectingTheMf_leavesTheApplication) {
    auto c = card();
    respond(c, "00A4040C07D6160000300101");
    respond(c, "00A4020C020002");
    EXPECT_EQ(respond(c, "00A4000C023F00"), "9000");
    EXPECT_EQ(respond(c, "00B0000004"), "6986") << "no current EF after selecting the MF";
    EXPECT_EQ(respond(c, "00A4020C020002"), "6A82") << "EF.ELS is not under the MF";
    respond(c, "00A4040C07D6160000300101");
    EXPECT_EQ(respond(c, "00A4020C020002"), "9000");
}

TEST(VirtualElsCard, readBinary_needsAnEfNotJustTheApplication) {
    auto c = card();
    respond(c, "00A4040C07D6160000300101");
    EXPECT_EQ(respond(c, "00B0000004"), "6986");
    EXPECT_EQ(respond(c, "00A4020C020009"), "6A82");
    EXPECT_EQ(respond(c, "00B0000004"), "6986") << "a failed SELECT selects nothing";
}

TEST(VirtualElsCard, readBinaryP1Bit8_isAShortEfIdentifierNotAnOffset) {
    auto c = card();
    respond(c, "00A4040C07D6160000300101");
    respond(c, "00A4020C020002");
    EXPECT_EQ(respond(c, "00B0820004"), "6A81") << "SFI 2: not supported by this card";
    EXPECT_EQ(respond(c, "00B0C00004"), "6A86") << "P1 b7-b6 must be 00 with an SFI";
    EXPECT_EQ(respond(c, "00B07FFF01"), "6B00") << "largest 15-bit offset, beyond the file";
}

TEST(VirtualElsCard, readBinaryLeZero_means256ShortAnd65536Extended) {
    auto c = card({.t0 = false, .extendedLength = true, .maxLe = 256});
    respond(c, "00A4040C07D6160000300101");
    respond(c, "00A4020C020002");
    EXPECT_EQ(respond(c, "00B0000000"), hexSlice(elsFile, 0, 256) + "9000");
    EXPECT_EQ(respond(c, "00B00000000000"), "6C00") << "65536 asked, 256 allowed";
}

TEST(VirtualElsCard, wrongLc_isWrongLength) {
    auto c = card();
    EXPECT_EQ(respond(c, "00A4040C08D6160000300101"), "6700") << "Lc one more than the data";
    EXPECT_EQ(respond(c, "00A4040C0000"), "6700") << "Lc=00 is no short length";
    EXPECT_EQ(respond(c, "00A4040C000007D6160000300101"), "9000") << "extended Lc";
    respond(c, "00A4020C020002");
    EXPECT_EQ(respond(c, "00B000000200000004"), "6700") << "READ BINARY takes no data";
}

TEST(VirtualElsCard, atr_isWellFormedAndTellsTheTruthAboutExtendedLength) {
    const auto t1 = Atr::parse(atrFor({}));
    ASSERT_TRUE(t1) << toHex(atrFor({}));
    EXPECT_EQ(t1->protocols, (std::vector<unsigned>{0, 1}));
    EXPECT_EQ(t1->extendedLength, true);
    EXPECT_EQ(toHex(atrFor({})), "3B858001807390014026");

    const auto shortOnly = Atr::parse(atrFor({.t0 = false, .extendedLength = false}));
    ASSERT_TRUE(shortOnly);
    EXPECT_EQ(shortOnly->extendedLength, false);

    const Behaviour t0Short{.t0 = true, .extendedLength = false};
    const auto t0 = Atr::parse(atrFor(t0Short));
    ASSERT_TRUE(t0) << toHex(atrFor(t0Short));
    EXPECT_EQ(t0->protocols, std::vector<unsigned>{0});
    EXPECT_EQ(t0->extendedLength, false);
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
