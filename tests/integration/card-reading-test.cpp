// Reading the ELS files through the real stack: libpcsclite -> pcscd -> vpcd -> els-card-sim.
#include "card-sim.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/pcsc.hpp"
#include "pcsc-environment.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <winscard.h>

using namespace els::smartcard;
using namespace els::testing;
using namespace std::chrono_literals;

namespace {

const Bytes elsFile = derFiller(1700, 3);
const Bytes certFile = derFiller(900, 5);

unsigned chunks(std::size_t size, std::size_t chunk) {
    return static_cast<unsigned>((size + chunk - 1) / chunk);
}

struct CardKind {
    std::string name;
    std::vector<std::string> options;
    unsigned minimumApdus; // for this card's limits: see the comment at each kind
    std::string atr = {};  // hex; empty: the simulator's own, which tells the truth
};

const std::vector<CardKind> kinds{
    // SELECT AID, SELECT + one READ per file.
    {"extended", {}, 5},
    // The ATR says "no extended Lc/Le": 256-byte chunks from the start.
    {"shortOnly",
     {"--no-extended"},
     2 + chunks(elsFile.size(), 256) + 1 + chunks(certFile.size(), 256)},
    // One 6Cxx, then 100-byte chunks.
    {"maxLe100",
     {"--max-le", "100"},
     2 + 1 + chunks(elsFile.size(), 100) + 1 + chunks(certFile.size(), 100)},
    // Every READ is announced by 61xx; one GET RESPONSE per 256 bytes.
    {"t0", {"--t0"}, 2 + 1 + chunks(elsFile.size(), 256) + 1 + 1 + chunks(certFile.size(), 256)},
    // An ATR without card capabilities (T=0 and T=1, no historical bytes): one refused
    // extended READ, then 256-byte chunks.
    {"shortOnlySilentAtr",
     {"--no-extended"},
     2 + 1 + chunks(elsFile.size(), 256) + 1 + chunks(certFile.size(), 256),
     "3B80800101"},
};

class CardReading : public ::testing::TestWithParam<CardKind> {
protected:
    void SetUp() override {
        writeCardImage(image_.path(), elsFile, certFile);
        if (!GetParam().atr.empty())
            std::ofstream(image_.path() / "atr") << GetParam().atr;
    }
    TempDir image_;
};

class CardPulling : public CardReading {};

[[maybe_unused]] void PrintTo(const CardKind& kind, std::ostream* out) {
    *out << kind.name;
}

ElsFiles readCard(const std::string& reader) {
    const Context context;
    auto card = context.connect(reader);
    return readElsFiles(card);
}

} // namespace

TEST_P(CardReading, readsBothFilesWithTheMinimumApduCount) {
    CardSim sim(0, image_.path(), GetParam().options);
    ASSERT_TRUE(sim.insert());
    const auto files = readCard(sim.reader());
    EXPECT_EQ(files.els, elsFile);
    EXPECT_EQ(files.certificate, certFile);
    EXPECT_EQ(files.apduCount, GetParam().minimumApdus);
}

TEST_P(CardPulling, atEveryApdu_givesCardRemovedThenTheNextCardReads) {
    for (unsigned removeAt = 1; removeAt <= GetParam().minimumApdus; ++removeAt) {
        SCOPED_TRACE("removed at APDU " + std::to_string(removeAt));
        {
            CardSim pulled(0, image_.path(), [&] {
                auto options = GetParam().options;
                options.insert(options.end(), {"--remove-after", std::to_string(removeAt)});
                return options;
            }());
            ASSERT_TRUE(pulled.insert());
            try {
                const auto files = readCard(pulled.reader());
                ADD_FAILURE() << "read " << files.els.size() << " bytes from a pulled card";
            } catch (const Error& e) {
                EXPECT_EQ(e.code(), ErrorCode::CardRemoved) << e.what();
            }
            EXPECT_TRUE(pulled.exited(5s));
        }
        CardSim next(0, image_.path(), GetParam().options);
        ASSERT_TRUE(next.insert());
        EXPECT_EQ(readCard(next.reader()).els, elsFile);
    }
}

INSTANTIATE_TEST_SUITE_P(Kinds, CardReading, ::testing::ValuesIn(kinds),
                         [](const auto& info) { return info.param.name; });
// ~1.6 s per APDU index, so not for the 32-APDU card; its 6Cxx path is in the transcript tests.
INSTANTIATE_TEST_SUITE_P(Kinds, CardPulling, ::testing::Values(kinds[0], kinds[1], kinds[3]),
                         [](const auto& info) { return info.param.name; });

TEST(CardReadingReset, cardResetByAnotherApplication_isReconnectedAndReadAgain) {
    TempDir image;
    writeCardImage(image.path(), elsFile, certFile);
    CardSim sim(0, image.path());
    ASSERT_TRUE(sim.insert());
    const Context context;
    auto card = context.connect(sim.reader());
    ASSERT_EQ(readElsFiles(card).els, elsFile);

    // Another application resets the card: pcsc-lite now refuses our handle with
    // SCARD_W_RESET_CARD until it reconnects.
    SCARDCONTEXT other = 0;
    ASSERT_EQ(SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &other), SCARD_S_SUCCESS);
    SCARDHANDLE handle = 0;
    DWORD protocol = 0;
    ASSERT_EQ(SCardConnect(other, sim.reader().c_str(), SCARD_SHARE_SHARED,
                           SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &handle, &protocol),
              SCARD_S_SUCCESS);
    EXPECT_EQ(SCardReconnect(handle, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
                             SCARD_RESET_CARD, &protocol),
              SCARD_S_SUCCESS);
    SCardDisconnect(handle, SCARD_LEAVE_CARD);
    SCardReleaseContext(other);

    const auto files = readElsFiles(card);
    EXPECT_EQ(files.els, elsFile);
    EXPECT_EQ(files.certificate, certFile);
    EXPECT_EQ(files.apduCount, 5u) << "counted from the read after reconnecting";
}

TEST(CardReadingSlot1, readsTheCardInTheSecondReader) {
    TempDir image;
    writeCardImage(image.path(), elsFile, {});
    CardSim sim(1, image.path());
    ASSERT_TRUE(sim.insert());
    const auto files = readCard(vpcdReader(1));
    EXPECT_EQ(files.els, elsFile);
    EXPECT_TRUE(files.certificate.empty());
    EXPECT_EQ(files.apduCount, 4u);
}

TEST(CardReadingSlot1, emptyReader_isNoCard) {
    ASSERT_TRUE(waitForCard(vpcdReader(1), false, 5s));
    try {
        Context().connect(vpcdReader(1));
        FAIL() << "connected to an empty reader";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::NoCard) << e.what();
    }
}

TEST(CardReadingSlot1, unknownReader_isReaderUnavailable) {
    try {
        Context().connect("No Such Reader 00 00");
        FAIL() << "connected to a reader that does not exist";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::ReaderUnavailable) << e.what();
    }
}

TEST(CardReadingSlot1, listReaders_containsBothVpcdSlots) {
    const auto readers = Context().listReaders();
    EXPECT_NE(std::find(readers.begin(), readers.end(), vpcdReader(0)), readers.end());
    EXPECT_NE(std::find(readers.begin(), readers.end(), vpcdReader(1)), readers.end());
}

// Cards that stall the read: each must end it with CardUnresponsive within the deadline, and
// the next card in the reader must read normally.
struct StallingCard {
    std::string name;
    std::vector<std::string> options;
};

class CardStalling : public ::testing::TestWithParam<StallingCard> {};

[[maybe_unused]] void PrintTo(const StallingCard& kind, std::ostream* out) {
    *out << kind.name;
}

TEST_P(CardStalling, endsTheReadAsUnresponsiveWithinTheDeadline_andTheNextCardReads) {
    TempDir image;
    writeCardImage(image.path(), elsFile, certFile);
    ReadOptions options;
    options.deadline = 2s;
    options.apduTimeout = 1s;
    {
        CardSim stalling(0, image.path(), GetParam().options);
        ASSERT_TRUE(stalling.insert());
        const Context context;
        auto card = context.connect(stalling.reader());
        const auto start = std::chrono::steady_clock::now();
        try {
            const auto files = readElsFiles(card, options);
            ADD_FAILURE() << "read " << files.els.size() << " bytes from a stalling card";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::CardUnresponsive) << e.what();
        }
        // The deadline plus pcscd's removal check (3 s) for an empty answer, and slack for a
        // loaded machine; without the bound the read lasted minutes or for ever.
        EXPECT_LT(std::chrono::steady_clock::now() - start, options.deadline + 6s);
    }
    CardSim next(0, image.path());
    ASSERT_TRUE(next.insert());
    EXPECT_EQ(readCard(next.reader()).els, elsFile);
}

INSTANTIATE_TEST_SUITE_P(
    Kinds, CardStalling,
    ::testing::Values(StallingCard{"muteFromTheStart", {"--mute-at", "1"}},
                      StallingCard{"muteMidFile", {"--no-extended", "--mute-at", "4"}},
                      StallingCard{"emptyAnswers", {"--empty-at", "3"}},
                      StallingCard{"oneByteGetResponseChain", {"--t0", "--chain-step", "1"}},
                      StallingCard{"oneByteReadBinary", {"--read-step", "1"}}),
    [](const auto& info) { return info.param.name; });
