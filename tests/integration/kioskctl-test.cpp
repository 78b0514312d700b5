// kioskctl as a technician runs it: exit statuses and output through pcscd + vpcd.
#include "card-sim.hpp"
#include "child-process.hpp"
#include "pcsc-environment.hpp"

#include <fstream>
#include <gtest/gtest.h>

using namespace els::testing;
using namespace std::chrono_literals;

namespace {

// Its stdout and stderr together.
CommandResult kioskctl(const std::vector<std::string>& args) {
    std::string command = KIOSKCTL_PATH;
    for (const auto& arg : args)
        command += ' ' + shellQuoted(arg);
    return runShell(command + " 2>&1");
}

class Kioskctl : public ::testing::Test {
protected:
    void SetUp() override {
        // Any certificate will do as an anchor: these cards carry filler, not signatures.
        const auto ca = trust_.path() / "ca.pem";
        const std::string make =
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " +
            shellQuoted((trust_.path() / "ca.key").string()) + " -out " + shellQuoted(ca.string()) +
            " -subj /CN=kioskctl-test -days 2 2>/dev/null";
        ASSERT_EQ(std::system(make.c_str()), 0);
        anchor_ = ca.string();
    }
    TempDir trust_;
    std::string anchor_;
};

} // namespace

TEST_F(Kioskctl, readers_printsOneLinePerReader) {
    ASSERT_TRUE(waitForCard(vpcdReader(1), false, 5s));
    const auto run = kioskctl({"readers"});
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_NE(run.output.find(vpcdReader(0) + "\t"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find(vpcdReader(1) + "\tno card\n"), std::string::npos) << run.output;
}

TEST_F(Kioskctl, readers_showsAnInsertedCard) {
    TempDir image;
    writeCardImage(image.path(), derFiller(10), {});
    CardSim sim(1, image.path());
    ASSERT_TRUE(sim.insert());
    const auto run = kioskctl({"readers"});
    EXPECT_NE(run.output.find(vpcdReader(1) + "\tcard present\n"), std::string::npos) << run.output;
}

TEST_F(Kioskctl, readCard_emptyReader_exits6WithOneLine) {
    ASSERT_TRUE(waitForCard(vpcdReader(1), false, 5s));
    const auto run = kioskctl({"read-card", "--reader", vpcdReader(1), "--trust", anchor_});
    EXPECT_EQ(run.status, 6) << run.output;
    EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
}

TEST_F(Kioskctl, readCard_unknownReader_exits7) {
    const auto run = kioskctl({"read-card", "--reader", "No Such Reader", "--trust", anchor_});
    EXPECT_EQ(run.status, 7) << run.output;
}

TEST_F(Kioskctl, readCard_notCmsData_exits5) {
    TempDir image;
    writeCardImage(image.path(), derFiller(500), {});
    CardSim sim(1, image.path());
    ASSERT_TRUE(sim.insert());
    const auto run =
        kioskctl({"read-card", "--reader", vpcdReader(1), "--trust", anchor_, "--json"});
    EXPECT_EQ(run.status, 5) << run.output;
    EXPECT_EQ(run.output.rfind("kioskctl: ", 0), 0u) << run.output;
}

TEST_F(Kioskctl, readCard_cardPulledMidRead_exits6) {
    TempDir image;
    writeCardImage(image.path(), derFiller(1500), {});
    CardSim sim(1, image.path(), {"--no-extended", "--remove-after", "5"});
    ASSERT_TRUE(sim.insert());
    const auto run = kioskctl({"read-card", "--reader", vpcdReader(1), "--trust", anchor_});
    EXPECT_EQ(run.status, 6) << run.output;
}

// chooseReader (commands/reader-choice.hpp), shared with `kioskctl session`: without --reader,
// the first reader with a card, as the kiosk does with an empty [reader] name.
TEST_F(Kioskctl, readCard_withoutReader_usesTheReaderWithACard) {
    ASSERT_TRUE(waitForCard(vpcdReader(1), false, 5s));
    const auto none = kioskctl({"read-card", "--trust", anchor_});
    EXPECT_EQ(none.status, 6) << none.output;
    TempDir image;
    writeCardImage(image.path(), derFiller(500), {});
    CardSim sim(1, image.path());
    ASSERT_TRUE(sim.insert());
    const auto run = kioskctl({"read-card", "--trust", anchor_}); // reader 0 has no card
    EXPECT_EQ(run.status, 5) << run.output; // it read slot 1's card: not CMS data
}

TEST_F(Kioskctl, usageErrors_exit2) {
    EXPECT_EQ(kioskctl({"read-card"}).status, 2);
    EXPECT_EQ(kioskctl({"read-card", "--trust", anchor_, "--today", "2025-02-30"}).status, 2);
    EXPECT_EQ(kioskctl({"read-card", "--trust", anchor_, "--bogus"}).status, 2);
    EXPECT_EQ(kioskctl({"no-such-command"}).status, 2);
    EXPECT_EQ(kioskctl({}).status, 2);
}

TEST_F(Kioskctl, readCard_cardThatNeverAnswers_exits8WithinTheDeadline) {
    TempDir image;
    writeCardImage(image.path(), derFiller(500), {});
    CardSim sim(1, image.path(), {"--mute-at", "2"});
    ASSERT_TRUE(sim.insert());
    const auto start = std::chrono::steady_clock::now();
    const auto run = kioskctl({"read-card", "--reader", vpcdReader(1), "--trust", anchor_});
    EXPECT_EQ(run.status, 8) << run.output;
    EXPECT_NE(run.output.find("card does not answer"), std::string::npos) << run.output;
    EXPECT_EQ(std::count(run.output.begin(), run.output.end(), '\n'), 1) << run.output;
    // The 10 s read deadline (5 s for the silent APDU) and slack for a loaded machine: before,
    // kioskctl waited until the card was pulled.
    EXPECT_LT(std::chrono::steady_clock::now() - start, 15s);
}

TEST_F(Kioskctl, readCard_cardHandingOutOneByteAtATime_exits8) {
    TempDir image;
    writeCardImage(image.path(), derFiller(1500), {});
    CardSim sim(1, image.path(), {"--t0", "--chain-step", "1"});
    ASSERT_TRUE(sim.insert());
    const auto run = kioskctl({"read-card", "--reader", vpcdReader(1), "--trust", anchor_});
    EXPECT_EQ(run.status, 8) << run.output;
}

TEST_F(Kioskctl, readCard_invalidAtr_exits9NotNoCard) {
    TempDir image;
    writeCardImage(image.path(), derFiller(500), {});
    std::ofstream(image.path() / "atr") << "3B"; // TS alone: no T0, no protocol
    CardSim sim(1, image.path());
    ASSERT_TRUE(sim.insert());
    const auto run = kioskctl({"read-card", "--reader", vpcdReader(1), "--trust", anchor_});
    EXPECT_EQ(run.status, 9) << run.output;
    EXPECT_NE(run.output.find("ATR"), std::string::npos) << run.output;
}
