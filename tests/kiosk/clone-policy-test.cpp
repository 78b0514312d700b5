// The clone-resistance decisions (every policy × situation) and the e-mails they lead to.
#include "els/kiosk/clone-policy.hpp"
#include "els/kiosk/mail-text.hpp"
#include "els/platform/config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace els::kiosk;
using els::platform::ActivationCodeChannel;
using els::platform::McardOrder;
using els::platform::McardStatus;
using els::smartcard::ChipBinding;
using std::chrono::year_month_day;
using testing::HasSubstr;
using testing::Not;
using namespace std::chrono_literals;

namespace {

constexpr year_month_day today{std::chrono::year{2026}, std::chrono::November,
                               std::chrono::day{30}};
constexpr year_month_day yesterday{std::chrono::year{2026}, std::chrono::November,
                                   std::chrono::day{29}};

const std::vector<ActivationCodeChannel> channels{ActivationCodeChannel::Screen,
                                                  ActivationCodeChannel::Email,
                                                  ActivationCodeChannel::EmailElseScreen};
const std::vector<Operation> operations{Operation::Order, Operation::Cancel, Operation::Revoke};

ClonePolicy policy(ActivationCodeChannel channel, bool notify = false) {
    ClonePolicy p;
    p.activationCode = channel;
    p.notify = notify;
    return p;
}

McardOrder order(std::optional<year_month_day> date, McardStatus status = McardStatus::Revoked) {
    McardOrder o;
    o.id = "1";
    o.orderDate = date;
    o.status = status;
    return o;
}

// A config file in a fresh folder, loaded.
els::platform::Config loadConfig(const std::string& extra) {
    char pattern[] = "/tmp/els-clone-policy-XXXXXX";
    const std::filesystem::path dir = ::mkdtemp(pattern);
    std::ofstream(dir / "kiosk.conf") << "[usos]\nbase_url = https://usos.example.edu\n"
                                         "consumer_key = k\nsecret_file = s\n"
                                         "[trust]\nanchors = a.pem\n[journal]\npath = j.db\n"
                                      << extra;
    auto config = els::platform::Config::load(dir / "kiosk.conf");
    std::filesystem::remove_all(dir);
    return config;
}

const MailSender sender{"legitymacje@uni.example.edu.pl", "A-0 hall",
                        "legitymacje@uni.example.edu.pl, room 12"};
// 2026-07-01 10:05 UTC is 12:05 in Warsaw (CEST).
const auto summerMorning = std::chrono::sys_days{std::chrono::year{2026} / 7 / 1} + 10h + 5min;

} // namespace

// --- activation code ---

TEST(ClonePolicyDelivery, everyChannelWithAndWithoutAnAddress) {
    struct Case {
        ActivationCodeChannel channel;
        bool hasEmail;
        ActivationDelivery expected;
    };
    for (const auto& c : std::vector<Case>{
             {ActivationCodeChannel::Screen, true, ActivationDelivery::Screen},
             {ActivationCodeChannel::Screen, false, ActivationDelivery::Screen},
             {ActivationCodeChannel::Email, true, ActivationDelivery::Email},
             {ActivationCodeChannel::Email, false, ActivationDelivery::Refuse},
             {ActivationCodeChannel::EmailElseScreen, true, ActivationDelivery::Email},
             {ActivationCodeChannel::EmailElseScreen, false, ActivationDelivery::Screen},
         })
        EXPECT_EQ(deliveryFor(policy(c.channel), c.hasEmail), c.expected)
            << toString(c.channel) << " hasEmail=" << c.hasEmail;
}

TEST(ClonePolicyDelivery, codeIsOnScreenOnlyWhenDeliveredThere) {
    EXPECT_TRUE(showsCodeOnScreen(ActivationDelivery::Screen));
    EXPECT_FALSE(showsCodeOnScreen(ActivationDelivery::Email));
    EXPECT_FALSE(showsCodeOnScreen(ActivationDelivery::Refuse));
}

// A cloned card under each policy: the attacker at the kiosk sees the code only when the
// university left it on screen (or the victim has no address and email_else_screen is chosen).
TEST(ClonePolicyDelivery, cloneSeesTheCodeOnlyUnderScreenPolicies) {
    for (const auto channel : channels)
        for (const bool hasEmail : {true, false}) {
            const bool attackerSeesCode = showsCodeOnScreen(deliveryFor(policy(channel), hasEmail));
            const bool expected = channel == ActivationCodeChannel::Screen ||
                                  (channel == ActivationCodeChannel::EmailElseScreen && !hasEmail);
            EXPECT_EQ(attackerSeesCode, expected) << toString(channel) << " " << hasEmail;
        }
}

// --- notices ---

TEST(ClonePolicyNotice, neverWithoutAnAddressOrWithNoticesOff) {
    for (const auto channel : channels)
        for (const auto operation : operations) {
            EXPECT_FALSE(noticeDue(policy(channel, true), operation, false));
            EXPECT_FALSE(noticeDue(policy(channel, false), operation, true));
            EXPECT_FALSE(noticeDue(policy(channel, false), operation, false));
        }
}

TEST(ClonePolicyNotice, cancelAndRevokeAlwaysNotifiedWhenOn) {
    for (const auto channel : channels)
        for (const auto operation : {Operation::Cancel, Operation::Revoke})
            EXPECT_TRUE(noticeDue(policy(channel, true), operation, true)) << toString(operation);
}

TEST(ClonePolicyNotice, orderNoticeIsTheCodeMailWhenTheCodeGoesByEmail) {
    EXPECT_TRUE(noticeDue(policy(ActivationCodeChannel::Screen, true), Operation::Order, true));
    EXPECT_FALSE(noticeDue(policy(ActivationCodeChannel::Email, true), Operation::Order, true));
    EXPECT_FALSE(
        noticeDue(policy(ActivationCodeChannel::EmailElseScreen, true), Operation::Order, true));
}

// --- revoke-and-reorder limit ---

TEST(ClonePolicyReorder, firstOrderOfTheDayIsAlwaysAllowed) {
    for (const int limit : {0, 1, 5})
        EXPECT_TRUE(mayReorder({}, today, limit)) << limit;
    EXPECT_TRUE(mayReorder({order(yesterday), order(yesterday)}, today, 0));
}

TEST(ClonePolicyReorder, limitCountsOrdersAfterTheFirstOfTheDay) {
    const std::vector<McardOrder> one{order(today)};
    const std::vector<McardOrder> two{order(today), order(today, McardStatus::Ready)};
    EXPECT_FALSE(mayReorder(one, today, 0));
    EXPECT_TRUE(mayReorder(one, today, 1));
    EXPECT_FALSE(mayReorder(two, today, 1));
    EXPECT_TRUE(mayReorder(two, today, 2));
    EXPECT_FALSE(mayReorder(two, today, -3)); // below zero means none
}

TEST(ClonePolicyReorder, everyStatusButUsosFailureCounts) {
    for (const auto status :
         {McardStatus::Pending, McardStatus::InProgress, McardStatus::Ready, McardStatus::Received,
          McardStatus::Cancelled, McardStatus::Revoked, McardStatus::Unknown})
        EXPECT_EQ(ordersPlacedOn({order(today, status)}, today), 1) << toString(status);
    EXPECT_EQ(ordersPlacedOn({order(today, McardStatus::Error)}, today), 0);
    EXPECT_TRUE(mayReorder({order(today, McardStatus::Error)}, today, 0));
}

TEST(ClonePolicyReorder, undatedOrdersCountAsTodayAndAskForDates) {
    const std::vector<McardOrder> undated{order(std::nullopt)};
    EXPECT_EQ(ordersPlacedOn(undated, today), 1);
    EXPECT_FALSE(mayReorder(undated, today, 0));
    EXPECT_TRUE(needsOrderDates(undated));
    EXPECT_FALSE(needsOrderDates({order(today), order(yesterday)}));
    EXPECT_FALSE(needsOrderDates({order(std::nullopt, McardStatus::Error)}));
}

// --- chip binding ---

TEST(ClonePolicyChip, onlyAMatchingChipIsAccepted) {
    EXPECT_TRUE(chipBindingAccepts(ChipBinding::Matches));
    EXPECT_FALSE(chipBindingAccepts(ChipBinding::Differs));
    EXPECT_FALSE(chipBindingAccepts(ChipBinding::NotAnswered));
}

// --- from the configuration ---

TEST(ClonePolicyConfig, noMailMeansTheOldBehaviourWithTheReorderLimit) {
    const auto p = ClonePolicy::fromConfig(loadConfig(""));
    EXPECT_EQ(p.activationCode, ActivationCodeChannel::Screen);
    EXPECT_FALSE(p.notify);
    EXPECT_EQ(p.maxReordersPerDay, 1);
    EXPECT_FALSE(p.chipSerialCommand);
}

TEST(ClonePolicyConfig, everyProtectionFromTheFile) {
    const auto p = ClonePolicy::fromConfig(
        loadConfig("[mail]\nsmtp_url = smtps://relay:465\nfrom = a@b.pl\nkiosk_name = A\n"
                   "contact = c@b.pl\n[clone]\nmax_reorders_per_day = 3\n"
                   "chip_serial_apdu = 00CA010000\n"));
    EXPECT_EQ(p.activationCode, ActivationCodeChannel::Email);
    EXPECT_TRUE(p.notify);
    EXPECT_EQ(p.maxReordersPerDay, 3);
    ASSERT_TRUE(p.chipSerialCommand);
    EXPECT_EQ(p.chipSerialCommand->ins, 0xCA);
    EXPECT_EQ(p.chipSerialCommand->p1, 0x01);
    EXPECT_EQ(p.chipSerialCommand->le, std::optional<std::size_t>(256));
}

// --- the e-mails ---

TEST(CloneMail, activationCodeMail_hasTheCodeKioskWarsawTimeAndContactInBothLanguages) {
    const auto mail =
        activationCodeMail(sender, "s123@student.uni.example.edu.pl", "AB12-CD34", summerMorning);
    EXPECT_EQ(mail.from, sender.from);
    EXPECT_EQ(mail.to, "s123@student.uni.example.edu.pl");
    EXPECT_EQ(mail.subject, "mLegitymacja: kod aktywacyjny / activation code");
    EXPECT_THAT(mail.body, HasSubstr("    AB12-CD34\n"));
    EXPECT_THAT(mail.body, HasSubstr("w kiosku „A-0 hall” (2026-07-01 12:05)"));
    EXPECT_THAT(mail.body, HasSubstr("at kiosk \"A-0 hall\" (2026-07-01 12:05)"));
    EXPECT_THAT(mail.body, HasSubstr("Jeśli to nie Ty"));
    EXPECT_THAT(mail.body, HasSubstr("If this was not you"));
    EXPECT_THAT(mail.body, HasSubstr("legitymacje@uni.example.edu.pl, room 12"));
    EXPECT_THAT(mail.body, Not(HasSubstr("{")));
    EXPECT_NO_THROW(els::platform::formatMail(mail, summerMorning, "uni.example.edu.pl"));
}

TEST(CloneMail, noticeMail_namesTheOperationInSubjectAndBody) {
    struct Case {
        Operation operation;
        const char* subject;
        const char* pl;
        const char* en;
    };
    for (const auto& c : std::vector<Case>{
             {Operation::Order, "mLegitymacja: zamówienie / order (A-0 hall)",
              "zamówiono mLegitymację.", "an mLegitymacja was ordered."},
             {Operation::Cancel, "mLegitymacja: anulowanie zamówienia / order cancelled (A-0 hall)",
              "anulowano zamówienie mLegitymacji.", "an mLegitymacja order was cancelled."},
             {Operation::Revoke, "mLegitymacja: unieważnienie / revoked (A-0 hall)",
              "unieważniono mLegitymację.", "the mLegitymacja was revoked."},
         }) {
        const auto mail = noticeMail(sender, "s@st.example.edu.pl", c.operation, summerMorning);
        EXPECT_EQ(mail.subject, c.subject);
        EXPECT_THAT(mail.body, HasSubstr(c.pl));
        EXPECT_THAT(mail.body, HasSubstr(c.en));
        EXPECT_THAT(mail.body, HasSubstr("(2026-07-01 12:05)"));
        EXPECT_THAT(mail.body, HasSubstr("If this was not you"));
        EXPECT_THAT(mail.body, Not(HasSubstr("{")));
    }
}

TEST(CloneMail, winterTimeIsCet) {
    const auto winter = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 23h + 30min;
    EXPECT_THAT(noticeMail(sender, "s@st.pl", Operation::Revoke, winter).body,
                HasSubstr("(2026-12-01 00:30)"));
}

TEST(CloneMail, maskedAddressShowsOneLetterAndTheDomain) {
    EXPECT_EQ(maskedAddress("jan.kowalski@student.uni.edu.pl"), "j***@student.uni.edu.pl");
    EXPECT_EQ(maskedAddress("x@y.pl"), "x***@y.pl");
    for (const auto* bad : {"", "nobody", "@y.pl", "x@"})
        EXPECT_EQ(maskedAddress(bad), "***") << bad;
    EXPECT_THAT(codeSentText("j***@s.pl").pl, HasSubstr("j***@s.pl"));
    EXPECT_THAT(codeSentText("j***@s.pl").en, HasSubstr("j***@s.pl"));
}
