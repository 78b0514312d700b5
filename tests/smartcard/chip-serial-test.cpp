// Chip-serial binding: the configured APDU parsed, sent within the read, and its answer
// compared with the signed serial; against scripted transcripts and the virtual card in process.
#include "els/smartcard/chip-serial.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "scripted-channel.hpp"
#include "virtual-els-card.hpp"

#include <gtest/gtest.h>

using namespace els::smartcard;
using els::smartcard::sim::Behaviour;
using els::smartcard::sim::VirtualElsCard;
using els::smartcard::testing::ScriptedChannel;
using Script = std::vector<els::smartcard::testing::Exchange>;

namespace {

const CommandApdu getData = parseCommandApdu(fromHex("00CA010000"));

ChipSerialReading answered(const std::string& hex) {
    return {fromHex(hex), 0x9000, 1};
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

Bytes derFile(std::size_t contentSize) {
    Bytes file{0x30, 0x82, static_cast<std::uint8_t>(contentSize >> 8),
               static_cast<std::uint8_t>(contentSize)};
    file.resize(contentSize + 4, 0x5A);
    return file;
}

ElsFiles readWithBinding(Behaviour behaviour) {
    VirtualElsCard card({{0x0002, derFile(600)}, {0x0001, derFile(300)}}, behaviour);
    InProcessChannel channel(card);
    ReadOptions options;
    options.chipSerialCommand = getData;
    return readElsFiles(channel, options);
}

Bytes text(std::string_view serial) {
    return Bytes(serial.begin(), serial.end());
}

} // namespace

TEST(ParseCommandApdu, everyShortCase_roundTripsToTheSameBytes) {
    for (const auto* hex : {"00CA0100", "00CA010000", "00CA010010", "80CA9F7F00", "00A4040C02AABB",
                            "00A4040002AABB00"})
        EXPECT_EQ(toHex(parseCommandApdu(fromHex(hex)).bytes()), hex);
    EXPECT_EQ(getData.le, std::optional<std::size_t>(256));
}

TEST(ParseCommandApdu, bytesThatAreNoShortApdu_areMalformed) {
    for (const auto* hex : {"", "00CA01", "00A4040C03AABB", "00A4040C02AABB0000", "00A4040C00AA"}) {
        try {
            parseCommandApdu(fromHex(hex));
            ADD_FAILURE() << hex << " accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::MalformedData) << hex;
        }
    }
}

TEST(ReadChipSerial, plainAnswer_isOneApdu) {
    ScriptedChannel channel(Script{{"00CA010000", "04A1B2C3D49000"}});
    const auto reading = readChipSerial(channel, getData);
    EXPECT_EQ(toHex(reading.answer), "04A1B2C3D4");
    EXPECT_EQ(reading.sw, 0x9000);
    EXPECT_EQ(reading.apduCount, 1u);
}

TEST(ReadChipSerial, wrongLeThenGetResponse_areFollowed) {
    ScriptedChannel channel(
        {{"00CA010000", "6C05"}, {"00CA010005", "6105"}, {"00C0000005", "04A1B2C3D49000"}});
    const auto reading = readChipSerial(channel, getData);
    EXPECT_EQ(toHex(reading.answer), "04A1B2C3D4");
    EXPECT_EQ(reading.apduCount, 3u);
    EXPECT_TRUE(channel.finished());
}

TEST(ReadChipSerial, cardThatKeepsSaying61xx_isCutOffAndNotAnswered) {
    Script script{{"00CA010000", "AA6101"}};
    for (int i = 0; i < 4; ++i)
        script.push_back({"00C0000001", "AA6101"});
    ScriptedChannel channel(script);
    const auto reading = readChipSerial(channel, getData);
    EXPECT_TRUE(channel.finished());
    EXPECT_EQ(reading.apduCount, 5u);
    EXPECT_EQ(chipBinding(reading, "AAAAAAAAAA"), ChipBinding::NotAnswered);
}

TEST(ReadChipSerial, refusal_isNotAnsweredWhateverTheSignedSerial) {
    ScriptedChannel channel(Script{{"00CA010000", "6D00"}});
    const auto reading = readChipSerial(channel, getData);
    EXPECT_EQ(reading.sw, 0x6D00);
    EXPECT_TRUE(reading.answer.empty());
    EXPECT_EQ(chipBinding(reading, ""), ChipBinding::NotAnswered);
    EXPECT_EQ(chipBinding(reading, "04A1B2C3D4"), ChipBinding::NotAnswered);
}

TEST(ReadChipSerial, cardPulled_propagatesTheTransportError) {
    ScriptedChannel channel(Script{{"00CA010000", "", ErrorCode::CardRemoved}});
    try {
        readChipSerial(channel, getData);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::CardRemoved);
    }
}

TEST(ChipBinding, answerEqualToTheSignedText_matches) {
    EXPECT_EQ(chipBinding({text("SN-0042-XYZ"), 0x9000, 1}, "SN-0042-XYZ"), ChipBinding::Matches);
}

TEST(ChipBinding, answerWhoseHexIsTheSignedText_matchesIgnoringCaseAndSeparators) {
    for (const auto* signed_ :
         {"04A1B2C3D4", "04a1b2c3d4", "04:A1:B2:C3:D4", "04 a1 b2 c3 d4", "04-A1-B2-C3-D4"})
        EXPECT_EQ(chipBinding(answered("04A1B2C3D4"), signed_), ChipBinding::Matches) << signed_;
}

TEST(ChipBinding, anyOtherAnswer_differs) {
    EXPECT_EQ(chipBinding(answered("04A1B2C3D5"), "04A1B2C3D4"), ChipBinding::Differs);
    EXPECT_EQ(chipBinding(answered("04A1B2C3"), "04A1B2C3D4"), ChipBinding::Differs);
    EXPECT_EQ(chipBinding(answered("04A1B2C3D400"), "04A1B2C3D4"), ChipBinding::Differs);
    EXPECT_EQ(chipBinding({text("SN-0042-XYZ"), 0x9000, 1}, "SN-0042-XYy"), ChipBinding::Differs);
    EXPECT_EQ(chipBinding(answered("00"), ""), ChipBinding::Differs); // nothing signed to match
}

TEST(ChipSerialInRead, genuineCard_answersWithTheSignedSerialAfterTheFiles) {
    Behaviour genuine;
    genuine.chipSerial = text("ELS-CHIP-0001");
    const auto files = readWithBinding(genuine);
    ASSERT_TRUE(files.chipSerial);
    EXPECT_EQ(chipBinding(*files.chipSerial, "ELS-CHIP-0001"), ChipBinding::Matches);
    EXPECT_EQ(files.els.size(), 604u);
}

TEST(ChipSerialInRead, cloneOnAnotherChip_isDetected) {
    Behaviour clone;
    clone.chipSerial = text("ELS-CHIP-9999");
    const auto files = readWithBinding(clone);
    ASSERT_TRUE(files.chipSerial);
    EXPECT_EQ(chipBinding(*files.chipSerial, "ELS-CHIP-0001"), ChipBinding::Differs);
}

TEST(ChipSerialInRead, blankCardWithoutTheCommand_isNotAnswered) {
    const auto files = readWithBinding(Behaviour{});
    ASSERT_TRUE(files.chipSerial);
    EXPECT_EQ(chipBinding(*files.chipSerial, "ELS-CHIP-0001"), ChipBinding::NotAnswered);
}

TEST(ChipSerialInRead, t0Card_handsTheSerialOutByGetResponse) {
    Behaviour t0;
    t0.t0 = true;
    t0.chipSerial = fromHex("04A1B2C3D4");
    const auto withBinding = readWithBinding(t0);
    ASSERT_TRUE(withBinding.chipSerial);
    EXPECT_EQ(chipBinding(*withBinding.chipSerial, "04a1b2c3d4"), ChipBinding::Matches);
    EXPECT_EQ(withBinding.chipSerial->apduCount, 2u);
}

TEST(ChipSerialInRead, notConfigured_sendsNothingMore) {
    Behaviour genuine;
    genuine.chipSerial = text("ELS-CHIP-0001");
    VirtualElsCard card({{0x0002, derFile(600)}, {0x0001, derFile(300)}}, genuine);
    InProcessChannel channel(card);
    const auto plain = readElsFiles(channel);
    EXPECT_FALSE(plain.chipSerial);
    EXPECT_EQ(readWithBinding(genuine).apduCount, plain.apduCount + 1);
}
