#include "els/smartcard/els-application.hpp"
#include "scripted-channel.hpp"

#include <gtest/gtest.h>

using namespace els::smartcard;
using els::smartcard::testing::Exchange;
using els::smartcard::testing::RemovingChannel;
using els::smartcard::testing::ScriptedChannel;

namespace {

const std::string selectAid = "00A4040C07D6160000300101";
const std::string selectEls = "00A4020C020002";
const std::string selectCert = "00A4020C020001";
const std::string readAllExtended = "00B00000000000";
const std::string ok = "9000";
const std::string notFound = "6A82";

// A DER SEQUENCE of `contentSize` filler bytes with the given length octets after 30.
Bytes der(const std::string& lengthHex, std::size_t contentSize) {
    Bytes file = fromHex("30" + lengthHex);
    for (std::size_t i = 0; i < contentSize; ++i)
        file.push_back(static_cast<std::uint8_t>(i * 7 + 1));
    return file;
}

std::string hexSlice(const Bytes& bytes, std::size_t offset, std::size_t count) {
    return toHex(ByteView(bytes).subspan(offset, count));
}

std::string readBinary(std::size_t offset, std::size_t le) {
    return toHex(CommandApdu::readBinary(static_cast<std::uint16_t>(offset), le).bytes());
}

ErrorCode codeOf(ApduChannel& channel, ReadOptions options = {}) {
    try {
        readElsFiles(channel, options);
    } catch (const Error& e) {
        return e.code();
    }
    ADD_FAILURE() << "readElsFiles did not throw";
    return ErrorCode::Internal;
}

} // namespace

TEST(ReadElsFiles, extendedCard_readsEachFileInOneApdu) {
    const Bytes els = der("8206A4", 0x06A4);
    const Bytes cert = der("820384", 0x0384);
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, toHex(els) + "6282"},
                          {selectCert, ok},
                          {readAllExtended, toHex(cert) + "6282"}});
    const auto files = readElsFiles(card);
    EXPECT_EQ(files.els, els);
    EXPECT_EQ(files.certificate, cert);
    EXPECT_EQ(files.apduCount, 5u);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, missingCertificateFile_isAbsentNotAnError) {
    const Bytes els = der("7F", 0x7F);
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, toHex(els) + ok},
                          {selectCert, notFound}});
    const auto files = readElsFiles(card);
    EXPECT_EQ(files.els, els);
    EXPECT_TRUE(files.certificate.empty());
    EXPECT_EQ(files.apduCount, 4u);
}

TEST(ReadElsFiles, everyDefiniteLengthForm_givesTheWholeObject) {
    struct Form {
        std::string lengthHex;
        std::size_t contentSize;
    };
    for (const auto& form : {Form{"00", 0}, Form{"05", 5}, Form{"7F", 127}, Form{"8180", 128},
                             Form{"81FF", 255}, Form{"820100", 256}, Form{"82FFF0", 0xFFF0},
                             Form{"83000400", 1024}, Form{"8400000010", 16}}) {
        SCOPED_TRACE(form.lengthHex);
        const Bytes els = der(form.lengthHex, form.contentSize);
        // Cards pad files; the object ends where its header says.
        ScriptedChannel card({{selectAid, ok},
                              {selectEls, ok},
                              {readAllExtended, toHex(els) + "FFFFFFFF" + ok},
                              {selectCert, notFound}});
        EXPECT_EQ(readElsFiles(card).els, els);
    }
}

TEST(ReadElsFiles, badOrAbsurdLengths_areMalformedBeforeReadingOn) {
    for (const std::string head :
         {"3080", "3085FFFFFFFFFF", "3083010000", "3084FFFFFFFF", "318200100000", "0482000400"}) {
        SCOPED_TRACE(head);
        ScriptedChannel card({{selectAid, ok}, {selectEls, ok}, {readAllExtended, head + "6282"}});
        EXPECT_EQ(codeOf(card), ErrorCode::MalformedData);
        EXPECT_TRUE(card.finished());
    }
}

TEST(ReadElsFiles, noExtendedLength_fallsBackToShortChunksOnceForBothFiles) {
    const Bytes els = der("820300", 0x300); // 772 bytes: 256 + 256 + 256 + 4
    const Bytes cert = der("8180", 0x80);   // 131 bytes
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, "6700"},
                          {readBinary(0, 256), hexSlice(els, 0, 256) + ok},
                          {readBinary(256, 256), hexSlice(els, 256, 256) + ok},
                          {readBinary(512, 256), hexSlice(els, 512, 256) + ok},
                          {readBinary(768, 4), hexSlice(els, 768, 4) + ok},
                          {selectCert, ok},
                          {readBinary(0, 256), toHex(cert) + "6282"}});
    const auto files = readElsFiles(card);
    EXPECT_EQ(files.els, els);
    EXPECT_EQ(files.certificate, cert);
    EXPECT_EQ(files.apduCount, 9u);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, extendedDisabled_startsWithShortLe) {
    const Bytes els = der("81C8", 0xC8);
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readBinary(0, 256), toHex(els) + "6282"},
                          {selectCert, notFound}});
    EXPECT_EQ(readElsFiles(card, {.extendedLength = false}).els, els);
}

TEST(ReadElsFiles, wrongLe6Cxx_isRepeatedAndBecomesTheChunkSize) {
    const Bytes els = der("820100", 0x100); // 260 bytes, card gives at most 100 at once
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, "6C64"},
                          {readBinary(0, 100), hexSlice(els, 0, 100) + ok},
                          {readBinary(100, 100), hexSlice(els, 100, 100) + ok},
                          {readBinary(200, 60), hexSlice(els, 200, 60) + ok},
                          {selectCert, notFound}});
    EXPECT_EQ(readElsFiles(card).els, els);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, wrongLe6CxxAtEndOfFile_doesNotShrinkLaterReads) {
    const Bytes els = der("8140", 0x40);     // 67 bytes, card answers 6C43 to Le=256
    const Bytes cert = der("820200", 0x200); // 516 bytes
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readBinary(0, 256), "6C43"},
                          {readBinary(0, 0x43), toHex(els) + ok},
                          {selectCert, ok},
                          {readBinary(0, 256), hexSlice(cert, 0, 256) + ok},
                          {readBinary(256, 256), hexSlice(cert, 256, 256) + ok},
                          {readBinary(512, 4), hexSlice(cert, 512, 4) + ok}});
    const auto files = readElsFiles(card, {.extendedLength = false});
    EXPECT_EQ(files.certificate, cert);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, t0Card_collectsDataWithGetResponse) {
    const Bytes els = der("820120", 0x120); // 292 bytes
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, "6100"},
                          {"00C0000000", hexSlice(els, 0, 256) + "6124"},
                          {"00C0000024", hexSlice(els, 256, 36) + "6282"},
                          {selectCert, notFound}});
    EXPECT_EQ(readElsFiles(card).els, els);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, selectWithoutFciRefused_retriesWithFciAndSkipsGetResponse) {
    const Bytes els = der("03", 3);
    ScriptedChannel card({{"00A4040C07D6160000300101", "6A86"},
                          {"00A4040007D616000030010100", "6112"},
                          {selectEls, "6A86"},
                          {"00A4000C020002", ok},
                          {readAllExtended, toHex(els) + ok},
                          {selectCert, notFound}});
    EXPECT_EQ(readElsFiles(card).els, els);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, wrongLength6700WithoutHint_stepsDownToDF) {
    const Bytes els = der("8201F0", 0x1F0); // 500 bytes
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, "6700"},
                          {readBinary(0, 256), "6700"},
                          {readBinary(0, 0xDF), hexSlice(els, 0, 0xDF) + ok},
                          {readBinary(0xDF, 0xDF), hexSlice(els, 0xDF, 0xDF) + ok},
                          {readBinary(0x1BE, 500 - 0x1BE), hexSlice(els, 0x1BE, 500 - 0x1BE) + ok},
                          {selectCert, notFound}});
    EXPECT_EQ(readElsFiles(card).els, els);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, endOfFileBeforeDerEnd_isMalformed) {
    const Bytes els = der("820100", 0x100);
    ScriptedChannel card(
        {{selectAid, ok}, {selectEls, ok}, {readAllExtended, hexSlice(els, 0, 200) + "6282"}});
    EXPECT_EQ(codeOf(card), ErrorCode::MalformedData);
}

TEST(ReadElsFiles, offsetBeyondFileBeforeDerEnd_isMalformed) {
    const Bytes els = der("820200", 0x200);
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, "6700"},
                          {readBinary(0, 256), hexSlice(els, 0, 256) + ok},
                          {readBinary(256, 256), "6B00"}});
    EXPECT_EQ(codeOf(card), ErrorCode::MalformedData);
}

TEST(ReadElsFiles, emptyFile_isMalformed) {
    ScriptedChannel card({{selectAid, ok}, {selectEls, ok}, {readAllExtended, "6B00"}});
    EXPECT_EQ(codeOf(card), ErrorCode::MalformedData);
}

TEST(ReadElsFiles, missingApplicationOrDataFile_isNotElsCard) {
    ScriptedChannel noApplication({{selectAid, notFound}});
    EXPECT_EQ(codeOf(noApplication), ErrorCode::NotElsCard);
    ScriptedChannel noDataFile({{selectAid, ok}, {selectEls, notFound}});
    EXPECT_EQ(codeOf(noDataFile), ErrorCode::NotElsCard);
}

TEST(ReadElsFiles, unsupportedClassOrInstruction_isNotElsCard) {
    ScriptedChannel badClass({{selectAid, "6E00"}});
    EXPECT_EQ(codeOf(badClass), ErrorCode::NotElsCard);
    ScriptedChannel noReadBinary({{selectAid, ok}, {selectEls, ok}, {readAllExtended, "6D00"}});
    EXPECT_EQ(codeOf(noReadBinary), ErrorCode::NotElsCard);
}

TEST(ReadElsFiles, cardInternalError_isCardUnresponsive) {
    ScriptedChannel card({{selectAid, ok}, {selectEls, ok}, {readAllExtended, "6F00"}});
    EXPECT_EQ(codeOf(card), ErrorCode::CardUnresponsive);
}

TEST(ReadElsFiles, securityStatusNotSatisfied_isUnexpectedStatus) {
    ScriptedChannel card({{selectAid, ok}, {selectEls, ok}, {readAllExtended, "6982"}});
    EXPECT_EQ(codeOf(card), ErrorCode::UnexpectedStatus);
}

TEST(ReadElsFiles, okWithoutData_isCardUnresponsiveNotALoop) {
    ScriptedChannel card({{selectAid, ok}, {selectEls, ok}, {readAllExtended, ok}});
    EXPECT_EQ(codeOf(card), ErrorCode::CardUnresponsive);
}

TEST(ReadElsFiles, unwrittenCertificateFile_isTreatedAsAbsent) {
    const Bytes els = der("03", 3);
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, toHex(els) + ok},
                          {selectCert, ok},
                          {readAllExtended, "FFFFFFFF6282"}});
    const auto files = readElsFiles(card);
    EXPECT_EQ(files.els, els);
    EXPECT_TRUE(files.certificate.empty());
}

TEST(ReadElsFiles, cardPulledAtAnyApdu_throwsCardRemovedAndNothingElse) {
    const Bytes els = der("820300", 0x300);
    const Bytes cert = der("8180", 0x80);
    const std::vector<Exchange> script{{selectAid, ok},
                                       {selectEls, ok},
                                       {readAllExtended, "6700"},
                                       {readBinary(0, 256), hexSlice(els, 0, 256) + ok},
                                       {readBinary(256, 256), hexSlice(els, 256, 256) + ok},
                                       {readBinary(512, 256), hexSlice(els, 512, 256) + ok},
                                       {readBinary(768, 4), hexSlice(els, 768, 4) + ok},
                                       {selectCert, ok},
                                       {readBinary(0, 256), toHex(cert) + "6282"}};
    for (unsigned removeAt = 1; removeAt <= script.size(); ++removeAt) {
        SCOPED_TRACE(removeAt);
        ScriptedChannel card(script);
        RemovingChannel pulled(card, removeAt);
        EXPECT_EQ(codeOf(pulled), ErrorCode::CardRemoved);
    }
}

TEST(ReadElsFiles, getResponseChainOf61xx_isFollowedToTheEnd) {
    const Bytes els = der("820140", 0x140); // 324 bytes handed out as 100 + 100 + 100 + 24
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, "6164"},
                          {"00C0000064", hexSlice(els, 0, 100) + "6164"},
                          {"00C0000064", hexSlice(els, 100, 100) + "6164"},
                          {"00C0000064", hexSlice(els, 200, 100) + "6118"},
                          {"00C0000018", hexSlice(els, 300, 24) + "6282"},
                          {selectCert, notFound}});
    EXPECT_EQ(readElsFiles(card).els, els);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, getResponseAnswering6Cxx_isRepeatedWithTheExactLe) {
    const Bytes els = der("0A", 10);
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, "6110"},
                          {"00C0000010", "6C0C"},
                          {"00C000000C", toHex(els) + ok},
                          {selectCert, notFound}});
    EXPECT_EQ(readElsFiles(card).els, els);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, getResponseThatNeverHandsOutData_isCardUnresponsiveNotALoop) {
    ScriptedChannel card(
        {{selectAid, ok}, {selectEls, ok}, {readAllExtended, "6110"}, {"00C0000010", "6110"}});
    EXPECT_EQ(codeOf(card), ErrorCode::CardUnresponsive);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, readerThatCannotCarryExtendedApdus_fallsBackToShortOnce) {
    const Bytes els = der("820120", 0x120); // 292 bytes
    const Bytes cert = der("05", 5);
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, "", ErrorCode::TransactionFailed},
                          {readBinary(0, 256), hexSlice(els, 0, 256) + ok},
                          {readBinary(256, 36), hexSlice(els, 256, 36) + ok},
                          {selectCert, ok},
                          {readBinary(0, 256), toHex(cert) + "6282"}});
    const auto files = readElsFiles(card);
    EXPECT_EQ(files.els, els);
    EXPECT_EQ(files.certificate, cert);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, transportFailureOnAShortApdu_endsTheRead) {
    ScriptedChannel card(
        {{selectAid, ok}, {selectEls, ok}, {readBinary(0, 256), "", ErrorCode::TransactionFailed}});
    EXPECT_EQ(codeOf(card, {.extendedLength = false}), ErrorCode::TransactionFailed);
}

TEST(ReadElsFiles, certificateFileThatCannotBeRead_isTreatedAsAbsent) {
    const Bytes els = der("03", 3);
    // 6982 protected, 6981 not a transparent EF, 6986 selected but not readable.
    for (const std::string sw : {"6982", "6981", "6986"}) {
        SCOPED_TRACE(sw);
        ScriptedChannel card({{selectAid, ok},
                              {selectEls, ok},
                              {readAllExtended, toHex(els) + ok},
                              {selectCert, ok},
                              {readAllExtended, sw}});
        const auto files = readElsFiles(card);
        EXPECT_EQ(files.els, els);
        EXPECT_TRUE(files.certificate.empty());
        EXPECT_TRUE(card.finished());
    }
}

TEST(ReadElsFiles, certificateFileSelectRefused_isTreatedAsAbsent) {
    const Bytes els = der("03", 3);
    ScriptedChannel card({{selectAid, ok},
                          {selectEls, ok},
                          {readAllExtended, toHex(els) + ok},
                          {selectCert, "6985"}});
    const auto files = readElsFiles(card);
    EXPECT_EQ(files.els, els);
    EXPECT_TRUE(files.certificate.empty());
}

TEST(ReadElsFiles, dataFileThatCannotBeRead_isStillAnError) {
    ScriptedChannel card({{selectAid, ok}, {selectEls, ok}, {readAllExtended, "6986"}});
    EXPECT_EQ(codeOf(card), ErrorCode::UnexpectedStatus);
}

namespace {

// A clock that advances by `step` with every APDU, and the response timeouts the reader set.
class SlowChannel final : public ApduChannel {
public:
    SlowChannel(ApduChannel& inner, std::chrono::milliseconds step) : inner_(inner), step_(step) {}

    ResponseApdu transmit(const CommandApdu& command) override {
        now += step_;
        return inner_.transmit(command);
    }
    void setResponseTimeout(std::chrono::milliseconds timeout) override {
        timeouts.push_back(timeout);
    }

    std::chrono::steady_clock::time_point now{};
    std::vector<std::chrono::milliseconds> timeouts;

private:
    ApduChannel& inner_;
    std::chrono::milliseconds step_;
};

ReadOptions withClockOf(const SlowChannel& channel) {
    ReadOptions options;
    options.now = [&channel] { return channel.now; };
    return options;
}

} // namespace

TEST(ReadElsFiles, readPastItsDeadline_isCardUnresponsiveWithoutAnotherApdu) {
    const Bytes els = der("8206A4", 0x06A4);
    ScriptedChannel script({{selectAid, ok}, {selectEls, ok}, {readAllExtended, toHex(els) + ok}});
    SlowChannel card(script, std::chrono::seconds(4));
    auto options = withClockOf(card);
    options.deadline = std::chrono::seconds(10);
    options.apduTimeout = std::chrono::seconds(5);
    EXPECT_EQ(codeOf(card, options), ErrorCode::CardUnresponsive);
    EXPECT_TRUE(script.finished()) << "the 4th APDU (at 12 s) must not be sent";
    // Each APDU may wait the per-APDU timeout, but never beyond the read's deadline.
    using std::chrono::milliseconds;
    EXPECT_EQ(card.timeouts, (std::vector<milliseconds>{milliseconds(5000), milliseconds(5000),
                                                        milliseconds(2000)}));
}

TEST(ReadElsFiles, getResponseChainOfOneBytePieces_isCardUnresponsive) {
    std::vector<Exchange> script{{selectAid, ok}, {selectEls, ok}, {readAllExtended, "6101"}};
    for (int i = 0; i < 9; ++i)
        script.push_back({"00C0000001", (i == 0 ? "30" : "01") + std::string("6101")});
    ScriptedChannel card(script);
    EXPECT_EQ(codeOf(card), ErrorCode::CardUnresponsive);
    EXPECT_TRUE(card.finished()) << "the 9th tiny piece ends the read";
}

TEST(ReadElsFiles, readBinaryOfOneBytePieces_isCardUnresponsive) {
    const Bytes els = der("8206A4", 0x06A4);
    std::vector<Exchange> script{{selectAid, ok}, {selectEls, ok}};
    for (std::size_t offset = 0; offset < 9; ++offset) {
        const std::size_t le = offset < 4 ? 65536 : els.size() - offset;
        script.push_back({readBinary(offset, le), hexSlice(els, offset, 1) + ok});
    }
    ScriptedChannel card(script);
    EXPECT_EQ(codeOf(card), ErrorCode::CardUnresponsive);
    EXPECT_TRUE(card.finished()) << "the 9th tiny piece ends the read";
}

TEST(ReadElsFiles, aFewSmallPieces_areStillRead) {
    // Odd but finite: a card that starts with 8 small pieces, then answers normally.
    const Bytes els = der("8206A4", 0x06A4);
    std::vector<Exchange> script{{selectAid, ok}, {selectEls, ok}};
    for (std::size_t offset = 0; offset < 8; ++offset) {
        const std::size_t le = offset < 4 ? 65536 : els.size() - offset;
        script.push_back({readBinary(offset, le), hexSlice(els, offset, 1) + ok});
    }
    script.push_back({readBinary(8, els.size() - 8), hexSlice(els, 8, els.size() - 8) + ok});
    script.push_back({selectCert, notFound});
    ScriptedChannel card(script);
    EXPECT_EQ(readElsFiles(card).els, els);
    EXPECT_TRUE(card.finished());
}

TEST(ReadElsFiles, emptyFile_saysSoInsteadOfNamingAByteCount) {
    ScriptedChannel card({{selectAid, ok}, {selectEls, ok}, {readAllExtended, "6282"}});
    try {
        readElsFiles(card);
        ADD_FAILURE() << "read an empty file";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::MalformedData);
        EXPECT_EQ(std::string(e.what()), "READ BINARY of EF 0002: file is empty");
    }
}
