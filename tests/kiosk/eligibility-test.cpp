#include "els/kiosk/eligibility.hpp"
#include "els/kiosk/problem-text.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <initializer_list>
#include <set>

namespace els::kiosk {
namespace {

using namespace std::chrono;
using platform::McardOrder;
using platform::McardStatus;

constexpr year_month_day today{year{2025}, October, day{15}};

smartcard::VerifiedEls validCard() {
    smartcard::VerifiedEls card;
    card.signatureValid = true;
    card.trusted = true;
    card.data.chipSerial = "3B015A17C0FFEE01";
    card.data.surnames = {"Żółkowska-Wąs"};
    card.data.givenNames = {"Zofia", "Łucja"};
    card.data.albumNumber = "412001";
    card.data.pesel = "03241248189";
    card.data.validUntil = year_month_day{year{2026}, March, day{31}};
    return card;
}

UsosStudent matchingStudent() {
    UsosStudent s;
    s.user.id = "100001";
    s.user.firstName = "Zofia";
    s.user.middleNames = "Łucja";
    s.user.lastName = "Żółkowska-Wąs";
    s.user.studentNumber = "412001";
    s.user.pesel = "03241248189";
    s.user.studentStatus = 2;
    s.user.hasPhoto = true;
    platform::UsosCard card;
    card.id = "70001";
    card.contactChipUid = "3B015A17C0FFEE01";
    card.expirationDate = year_month_day{year{2026}, March, day{31}};
    s.cards = {card};
    return s;
}

McardOrder orderWith(std::string id, McardStatus status) {
    McardOrder order;
    order.id = std::move(id);
    order.status = status;
    order.rawStatus = platform::toString(status);
    return order;
}

Problem problemOf(const smartcard::VerifiedEls& card, const UsosStudent& usos) {
    const auto result = checkEligibility(card, today, usos);
    EXPECT_EQ(result.verdict == Verdict::Refused, result.problem != Problem::None);
    return result.problem;
}

TEST(Eligibility, matchingExtendedCardWithoutOrders_mayOrder) {
    const auto result = checkEligibility(validCard(), today, matchingStudent());
    EXPECT_EQ(result.verdict, Verdict::MayOrder);
    EXPECT_EQ(result.problem, Problem::None);
}

TEST(Eligibility, badSignatureOrUntrustedSigner_signatureInvalid) {
    auto card = validCard();
    card.signatureValid = false;
    EXPECT_EQ(problemOf(card, matchingStudent()), Problem::SignatureInvalid);
    card = validCard();
    card.trusted = false;
    EXPECT_EQ(problemOf(card, matchingStudent()), Problem::SignatureInvalid);
}

TEST(Eligibility, chipValidThroughToday_butNotYesterday) {
    auto card = validCard();
    card.data.validUntil = today;
    EXPECT_EQ(problemOf(card, matchingStudent()), Problem::None);
    card.data.validUntil = sys_days{today} - days{1};
    EXPECT_EQ(problemOf(card, matchingStudent()), Problem::CardNotExtended);
}

TEST(Eligibility, checkCard_needsNoUsosData) {
    EXPECT_FALSE(checkCard(validCard(), today).has_value());
    auto card = validCard();
    card.data.validUntil = year_month_day{year{2025}, March, day{31}};
    ASSERT_TRUE(checkCard(card, today).has_value());
    EXPECT_EQ(checkCard(card, today)->problem, Problem::CardNotExtended);
    EXPECT_EQ(checkCard(card, today)->reason, problemSentence(Problem::CardNotExtended));
}

TEST(Eligibility, chipSerialOnNoUsosCard_cardUnknown) {
    auto usos = matchingStudent();
    usos.cards[0].contactChipUid = "3B0A5A17C0FFEE0A";
    EXPECT_EQ(problemOf(validCard(), usos), Problem::CardUnknown);
    usos.cards.clear();
    EXPECT_EQ(problemOf(validCard(), usos), Problem::CardUnknown);
}

TEST(Eligibility, chipSerialComparedAsHex_caseAndSeparatorsIgnored) {
    auto usos = matchingStudent();
    usos.cards[0].contactChipUid = "3b:01:5a:17:c0:ff:ee:01";
    EXPECT_EQ(problemOf(validCard(), usos), Problem::None);
    usos.cards[0].contactChipUid = "3B 01 5A 17 C0 FF EE 01";
    EXPECT_EQ(problemOf(validCard(), usos), Problem::None);
}

TEST(Eligibility, matchingCardAmongSeveral_isTheOneChecked) {
    auto usos = matchingStudent();
    platform::UsosCard old = usos.cards[0];
    old.contactChipUid = "0000000000000001";
    old.expirationDate = year_month_day{year{2020}, March, day{31}};
    usos.cards.insert(usos.cards.begin(), old);
    EXPECT_EQ(problemOf(validCard(), usos), Problem::None);
}

TEST(Eligibility, usosCardExpiredOrWithoutDate_notExtendedInUsos) {
    auto usos = matchingStudent();
    usos.cards[0].expirationDate = sys_days{today} - days{20};
    EXPECT_EQ(problemOf(validCard(), usos), Problem::CardNotExtendedInUsos);
    usos.cards[0].expirationDate = std::nullopt;
    EXPECT_EQ(problemOf(validCard(), usos), Problem::CardNotExtendedInUsos);
    usos.cards[0].expirationDate = today;
    EXPECT_EQ(problemOf(validCard(), usos), Problem::None);
}

TEST(Eligibility, inactiveStudent_studentInactive) {
    auto usos = matchingStudent();
    usos.user.studentStatus = 1;
    EXPECT_EQ(problemOf(validCard(), usos), Problem::StudentInactive);
}

TEST(Eligibility, peselMissingInUsosOrOnChip_noPesel) {
    auto usos = matchingStudent();
    usos.user.pesel = std::nullopt;
    EXPECT_EQ(problemOf(validCard(), usos), Problem::NoPesel);
    usos.user.pesel = "";
    EXPECT_EQ(problemOf(validCard(), usos), Problem::NoPesel);
    auto card = validCard();
    card.data.pesel.clear();
    EXPECT_EQ(problemOf(card, matchingStudent()), Problem::NoPesel);
}

TEST(Eligibility, noAlbumNumberInUsos_noAlbumNumber) {
    auto usos = matchingStudent();
    usos.user.studentNumber.clear();
    EXPECT_EQ(problemOf(validCard(), usos), Problem::NoAlbumNumber);
}

TEST(Eligibility, noPhoto_noPhoto) {
    auto usos = matchingStudent();
    usos.user.hasPhoto = false;
    EXPECT_EQ(problemOf(validCard(), usos), Problem::NoPhoto);
}

TEST(Eligibility, differentPeselOrAlbum_dataChanged) {
    auto usos = matchingStudent();
    usos.user.pesel = "02310312710";
    EXPECT_EQ(problemOf(validCard(), usos), Problem::DataChanged);
    usos = matchingStudent();
    usos.user.studentNumber = "412099";
    EXPECT_EQ(problemOf(validCard(), usos), Problem::DataChanged);
}

TEST(Eligibility, changedSurname_surnameChanged) {
    auto card = validCard();
    card.data.surnames = {"Lis"};
    auto usos = matchingStudent();
    usos.user.lastName = "Nowak-Lis";
    EXPECT_EQ(problemOf(card, usos), Problem::SurnameChanged);
}

TEST(Eligibility, surnameVariants_matchAfterNormalisation) {
    auto usos = matchingStudent();
    for (const auto* variant :
         {"ŻÓŁKOWSKA-WĄS", "Żółkowska Wąs", "  Żółkowska –  Wąs ", "żółkowska - wąs"}) {
        usos.user.lastName = variant;
        EXPECT_EQ(problemOf(validCard(), usos), Problem::None) << variant;
    }
    auto card = validCard();
    card.data.surnames = {"Żółkowska", "Wąs"}; // two surnames as two SEQUENCE items
    EXPECT_EQ(problemOf(card, matchingStudent()), Problem::None);
}

TEST(Eligibility, decomposedUnicode_matchesComposed) {
    auto usos = matchingStudent();
    usos.user.lastName = "Z\u0307o\u0301\u0142kowska-Wa\u0328s"; // NFD of Żółkowska-Wąs
    EXPECT_EQ(problemOf(validCard(), usos), Problem::None);
}

TEST(Eligibility, changedGivenNames_givenNamesChanged) {
    auto usos = matchingStudent();
    usos.user.middleNames = "Joanna";
    EXPECT_EQ(problemOf(validCard(), usos), Problem::GivenNamesChanged);
    usos.user.middleNames.clear(); // chip has a second name USOS lacks
    EXPECT_EQ(problemOf(validCard(), usos), Problem::GivenNamesChanged);
}

TEST(Eligibility, givenNames_chipListEqualsFirstPlusMiddle) {
    auto usos = matchingStudent();
    usos.user.firstName = "ZOFIA";
    usos.user.middleNames = " łucja ";
    EXPECT_EQ(problemOf(validCard(), usos), Problem::None);
    auto card = validCard();
    card.data.givenNames = {"Zofia"};
    usos = matchingStudent();
    usos.user.middleNames.clear();
    EXPECT_EQ(problemOf(card, usos), Problem::None);
}

TEST(Eligibility, activeOrder_hasOrderEvenThoughUsosSaysWhy) {
    auto usos = matchingStudent();
    usos.mcard.whyCannotOrder =
        platform::LangText{"Masz już zamówienie.", "You already have an order."};
    usos.mcard.orders = {orderWith("5", McardStatus::Revoked),
                         orderWith("7", McardStatus::Pending)};
    const auto result = checkEligibility(validCard(), today, usos);
    EXPECT_EQ(result.verdict, Verdict::HasOrder);
    ASSERT_TRUE(result.activeOrder.has_value());
    EXPECT_EQ(result.activeOrder->id, "7");
}

TEST(Eligibility, onlyFinishedOrders_mayOrder) {
    auto usos = matchingStudent();
    usos.mcard.orders = {orderWith("5", McardStatus::Revoked),
                         orderWith("6", McardStatus::Cancelled),
                         orderWith("8", McardStatus::Error)};
    EXPECT_EQ(checkEligibility(validCard(), today, usos).verdict, Verdict::MayOrder);
}

TEST(Eligibility, usosWhyCannotOrder_shownVerbatim) {
    auto usos = matchingStudent();
    usos.mcard.whyCannotOrder = platform::LangText{"Powód po polsku.", "Reason in English."};
    const auto result = checkEligibility(validCard(), today, usos);
    EXPECT_EQ(result.verdict, Verdict::Refused);
    EXPECT_EQ(result.problem, Problem::UsosRefused);
    EXPECT_EQ(result.reason.pl, "Powód po polsku.");
    EXPECT_EQ(result.reason.en, "Reason in English.");
}

TEST(Eligibility, ourCardChecksComeBeforeUsosReason) {
    auto usos = matchingStudent();
    usos.user.hasPhoto = false;
    usos.mcard.whyCannotOrder = platform::LangText{"Brak zdjęcia.", "No photo."};
    EXPECT_EQ(problemOf(validCard(), usos), Problem::NoPhoto);
    auto card = validCard();
    card.data.validUntil = year_month_day{year{2025}, March, day{31}};
    usos.user.studentStatus = 1;
    EXPECT_EQ(problemOf(card, usos), Problem::CardNotExtended);
}

TEST(Eligibility, activeOrder_newestByIdWins) {
    platform::McardInfo mcard;
    mcard.orders = {orderWith("12", McardStatus::Ready), orderWith("9", McardStatus::Pending)};
    ASSERT_TRUE(activeOrder(mcard).has_value());
    EXPECT_EQ(activeOrder(mcard)->id, "12");
    EXPECT_FALSE(activeOrder(platform::McardInfo{}).has_value());
}

TEST(NameNormalisation, collapsesCaseWhitespaceAndDashes) {
    EXPECT_EQ(normalizeName("  Anna\t Maria  "), "anna maria");
    EXPECT_EQ(normalizeName("Kowalska—Nowak"), "kowalska nowak");
    EXPECT_EQ(normalizeName(""), "");
    EXPECT_NE(normalizeName("Lis"), normalizeName("Nowak-Lis"));
}

TEST(ChipUid, emptyOrNonHexNeverMatches) {
    EXPECT_FALSE(sameChipUid("", ""));
    EXPECT_FALSE(sameChipUid("XYZ", "XYZ"));
    EXPECT_TRUE(sameChipUid("0a-0b", "0A0B"));
    EXPECT_FALSE(sameChipUid("0A0B", "0A0C"));
}

TEST(ProblemText, everyProblemHasADistinctCode_titleAndAdviceInBothLanguages) {
    std::set<std::string> codes;
    for (int i = static_cast<int>(Problem::CardRemoved); i <= static_cast<int>(Problem::Internal);
         ++i) {
        const auto problem = static_cast<Problem>(i);
        EXPECT_TRUE(codes.insert(toString(problem)).second) << toString(problem);
        const auto& text = problemText(problem);
        EXPECT_FALSE(text.title.pl.empty()) << toString(problem);
        EXPECT_FALSE(text.title.en.empty()) << toString(problem);
        EXPECT_NE(text.title.pl, text.title.en) << toString(problem);
        EXPECT_FALSE(text.advice.pl.empty()) << toString(problem);
        EXPECT_FALSE(text.advice.en.empty()) << toString(problem);
        EXPECT_NE(text.advice.pl, text.advice.en) << toString(problem);
    }
    EXPECT_TRUE(problemText(Problem::None).title.pl.empty());
}

// Issue 10, defect 7: every problem tells the student what to do and where — the dean's office,
// USOSweb, or the card back into the reader.
TEST(ProblemText, everyAdviceSaysWhereToGoOrWhatToDoWithTheCard) {
    const auto mentions = [](const std::string& text, std::initializer_list<const char*> words) {
        return std::any_of(words.begin(), words.end(),
                           [&](const char* word) { return text.find(word) != std::string::npos; });
    };
    for (int i = static_cast<int>(Problem::CardRemoved); i <= static_cast<int>(Problem::Internal);
         ++i) {
        const auto problem = static_cast<Problem>(i);
        const auto& advice = problemText(problem).advice;
        EXPECT_TRUE(mentions(advice.pl, {"dziekana", "USOSweb", "Włóż"})) << toString(problem);
        EXPECT_TRUE(mentions(advice.en, {"dean's office", "USOSweb", "Insert"}))
            << toString(problem);
        // One word for the plastic card (the glossary): never "karta".
        EXPECT_FALSE(mentions(problemSentence(problem).pl, {"karta", "kartę", "karty"}))
            << toString(problem);
    }
}

TEST(ProblemText, goodbye_thanksOnlyWhenSomethingWasAchieved) {
    const auto cancelled = goodbyeText("cancelled");
    EXPECT_TRUE(cancelled.success);
    EXPECT_EQ(cancelled.title.pl, "Zamówienie anulowane");
    EXPECT_EQ(cancelled.title.en, "Order cancelled");
    const auto revoked = goodbyeText("revoked");
    EXPECT_TRUE(revoked.success);
    EXPECT_EQ(revoked.title.pl, "mLegitymacja unieważniona");
    EXPECT_TRUE(goodbyeText("ready").success);
    EXPECT_NE(goodbyeText("ready").body.pl.find("Dziękujemy"), std::string::npos);
    // A refusal or "Zakończ" without an order: no thanks, nothing to celebrate.
    for (const auto* status : {"", "error"}) {
        const auto neutral = goodbyeText(status);
        EXPECT_FALSE(neutral.success) << status;
        EXPECT_EQ(neutral.body.pl.find("Dziękujemy"), std::string::npos) << status;
        EXPECT_EQ(neutral.body.en.find("Thank"), std::string::npos) << status;
        EXPECT_EQ(neutral.title.pl, "Wyjmij legitymację z czytnika") << status;
    }
}

TEST(ProblemText, sentenceJoinsTitleAndAdvice) {
    EXPECT_EQ(problemSentence(Problem::CardNotExtended).pl,
              "Legitymacja nie jest przedłużona. Przedłuż ważność legitymacji w dziekanacie, a "
              "potem wróć do kiosku.");
    EXPECT_EQ(problemSentence(Problem::UsosRefused).en,
              "USOS does not allow you to order now. If you are not sure what to do, ask your "
              "dean's office.");
    EXPECT_EQ(problemSentence(Problem::None), (LocalizedText{"", ""}));
}

TEST(ProblemText, orderStatus_mapsToStepsAndNames) {
    EXPECT_EQ(orderStep("pending"), 0);
    EXPECT_EQ(orderStep("in_progress"), 1);
    EXPECT_EQ(orderStep("ready"), 2);
    EXPECT_EQ(orderStep("received"), 2);
    EXPECT_EQ(orderStep("cancelled"), -1);
    EXPECT_EQ(orderStep("something_new"), -1);
    EXPECT_EQ(orderStatusText("in_progress").pl, "w toku");
    EXPECT_EQ(orderStatusText("something_new").en, "something_new");
}

TEST(ProblemText, mObywatelSteps_fourInBothLanguages) {
    ASSERT_EQ(mObywatelSteps().size(), 4u);
    for (const auto& step : mObywatelSteps()) {
        EXPECT_FALSE(step.pl.empty());
        EXPECT_FALSE(step.en.empty());
    }
    EXPECT_NE(mObywatelSteps()[1].pl.find("Legitymacja studencka"), std::string::npos);
    // Issue 10, defect 7: the token is shown only as a QR code, so no step promises its text.
    for (const auto& step : mObywatelSteps()) {
        EXPECT_EQ(step.pl.find("przepisz"), std::string::npos) << step.pl;
        EXPECT_EQ(step.en.find("type its text"), std::string::npos) << step.en;
    }
}

} // namespace
} // namespace els::kiosk
