#include <QSignalSpy>
#include <els/kiosk/problem-text.hpp>
#include <els/ui/screen-model.hpp>
#include <gtest/gtest.h>

namespace els::ui {
namespace {

using kiosk::Problem;
using kiosk::Screen;
using kiosk::ScreenState;

ScreenState readyState() {
    ScreenState s;
    s.screen = Screen::Ready;
    s.firstName = "Zofia";
    s.orderStatus = "ready";
    s.orderDate = "2025-10-01";
    s.expirationDate = "2026-10-31";
    s.token = "tok/en?#%ł";
    s.activationCode = "K7QM4ZP2XR9T";
    s.offer.revoke = true;
    s.secondsLeft = 42;
    return s;
}

ScreenState onScreen(Screen screen) {
    ScreenState s;
    s.screen = screen;
    return s;
}

TEST(ScreenModel, apply_newScreen_emitsScreenAndContentChangedOnce) {
    ScreenModel model;
    QSignalSpy screenSpy(&model, &ScreenModel::screenChanged);
    QSignalSpy contentSpy(&model, &ScreenModel::contentChanged);

    model.apply(readyState());

    EXPECT_EQ(screenSpy.count(), 1);
    EXPECT_EQ(contentSpy.count(), 1);
    EXPECT_EQ(model.screen(), ScreenModel::Screen::Ready);
}

TEST(ScreenModel, apply_sameState_emitsNothing) {
    ScreenModel model;
    model.apply(readyState());
    QSignalSpy screenSpy(&model, &ScreenModel::screenChanged);
    QSignalSpy contentSpy(&model, &ScreenModel::contentChanged);

    model.apply(readyState());

    EXPECT_EQ(screenSpy.count(), 0);
    EXPECT_EQ(contentSpy.count(), 0);
}

TEST(ScreenModel, apply_countdownTick_emitsContentChangedButNotScreenChanged) {
    ScreenModel model;
    model.apply(readyState());
    QSignalSpy screenSpy(&model, &ScreenModel::screenChanged);
    QSignalSpy contentSpy(&model, &ScreenModel::contentChanged);

    auto next = readyState();
    next.secondsLeft = 41;
    model.apply(next);

    EXPECT_EQ(screenSpy.count(), 0);
    EXPECT_EQ(contentSpy.count(), 1);
    EXPECT_EQ(model.secondsLeft(), 41);
}

TEST(ScreenModel, apply_readyState_exposesDisplayFormattedFields) {
    ScreenModel model;
    model.apply(readyState());

    EXPECT_EQ(model.firstName(), QStringLiteral("Zofia"));
    EXPECT_EQ(model.orderDate(), QStringLiteral("01.10.2025"));
    EXPECT_EQ(model.expirationDate(), QStringLiteral("31.10.2026"));
    EXPECT_EQ(model.activationCode(), QStringLiteral("K7QM4ZP2XR9T"));
    EXPECT_EQ(model.activationCodeGrouped(), QStringLiteral("K7QM 4ZP2 XR9T"));
    EXPECT_EQ(model.orderStep(), 2);
    EXPECT_EQ(model.orderStatusText(), QStringLiteral("gotowe"));
    EXPECT_TRUE(model.canRevoke());
    EXPECT_FALSE(model.canCancel());
}

TEST(ScreenModel, qrSource_roundTripsTokenThroughPercentEncoding) {
    ScreenModel model;
    model.apply(readyState());

    const QString prefix = QStringLiteral("image://qr/");
    ASSERT_TRUE(model.qrSource().startsWith(prefix));
    const QString id = model.qrSource().mid(prefix.size());
    EXPECT_FALSE(id.contains(QLatin1Char('/')));
    EXPECT_FALSE(id.contains(QLatin1Char('#')));
    EXPECT_EQ(QByteArray::fromPercentEncoding(id.toUtf8()), QByteArray("tok/en?#%ł"));
}

TEST(ScreenModel, apply_idleAfterReady_clearsEveryPersonalField) {
    ScreenModel model;
    model.apply(readyState());

    model.apply(ScreenState{});

    EXPECT_EQ(model.screen(), ScreenModel::Screen::Idle);
    EXPECT_TRUE(model.firstName().isEmpty());
    EXPECT_TRUE(model.activationCode().isEmpty());
    EXPECT_TRUE(model.activationCodeGrouped().isEmpty());
    EXPECT_TRUE(model.qrSource().isEmpty());
    EXPECT_TRUE(model.orderDate().isEmpty());
}

TEST(ScreenModel, setLanguage_english_switchesTextsAndEmitsOnce) {
    ScreenModel model;
    model.apply(readyState());
    QSignalSpy languageSpy(&model, &ScreenModel::languageChanged);
    QSignalSpy contentSpy(&model, &ScreenModel::contentChanged);

    model.setLanguage(QStringLiteral("en"));
    model.setLanguage(QStringLiteral("en"));

    EXPECT_EQ(languageSpy.count(), 1);
    EXPECT_EQ(contentSpy.count(), 1);
    EXPECT_EQ(model.language(), QStringLiteral("en"));
    EXPECT_EQ(model.orderStatusText(), QStringLiteral("ready"));
}

TEST(ScreenModel, setLanguage_unknownCode_isIgnored) {
    ScreenModel model;
    QSignalSpy languageSpy(&model, &ScreenModel::languageChanged);

    model.setLanguage(QStringLiteral("de"));

    EXPECT_EQ(languageSpy.count(), 0);
    EXPECT_EQ(model.language(), QStringLiteral("pl"));
}

TEST(ScreenModel, problemTexts_followLanguage) {
    ScreenModel model;
    ScreenState s = onScreen(Screen::Problem);
    s.problem = Problem::CardNotExtended;
    model.apply(s);

    EXPECT_EQ(model.problem(), ScreenModel::Problem::CardNotExtended);
    EXPECT_EQ(model.problemTitle(), QStringLiteral("Legitymacja nie jest przedłużona"));
    model.setLanguage(QStringLiteral("en"));
    EXPECT_EQ(model.problemTitle(), QStringLiteral("Your student ID card has not been extended"));
    EXPECT_TRUE(model.problemAdvice().contains(QStringLiteral("dean's office")));
}

TEST(ScreenModel, problemAdvice_usosRefused_showsUsosReasonVerbatim) {
    ScreenModel model;
    ScreenState s = onScreen(Screen::Problem);
    s.problem = Problem::UsosRefused;
    s.usosReason = {"Zamówienie możliwe od 1 października.", "Orders open on 1 October."};
    model.apply(s);

    EXPECT_EQ(model.problemAdvice(), QStringLiteral("Zamówienie możliwe od 1 października."));
    model.setLanguage(QStringLiteral("en"));
    EXPECT_EQ(model.problemAdvice(), QStringLiteral("Orders open on 1 October."));
}

TEST(ScreenModel, problemAdvice_usosReasonOnlyInPolish_fallsBackToPolishInEnglish) {
    ScreenModel model;
    ScreenState s = onScreen(Screen::Problem);
    s.problem = Problem::UsosRefused;
    s.usosReason = {"Brak aktywnego statusu.", ""};
    model.apply(s);
    model.setLanguage(QStringLiteral("en"));

    EXPECT_EQ(model.problemAdvice(), QStringLiteral("Brak aktywnego statusu."));
}

// USOS's reasons say what is wrong, not where to go; the hint adds the dean's office.
TEST(ScreenModel, problemHint_onlyForUsosRefused_saysWhereToAsk) {
    ScreenModel model;
    ScreenState s = onScreen(Screen::Problem);
    s.problem = Problem::UsosRefused;
    s.usosReason = {"Zamówienie możliwe od 1 października.", "Orders open on 1 October."};
    model.apply(s);
    EXPECT_TRUE(model.problemHint().contains(QStringLiteral("dziekanacie")));
    model.setLanguage(QStringLiteral("en"));
    EXPECT_TRUE(model.problemHint().contains(QStringLiteral("dean's office")));
    s.problem = Problem::NoPhoto;
    model.apply(s);
    EXPECT_TRUE(model.problemHint().isEmpty());
}

// Texts from C++ get the Polish typography too; English ones never.
TEST(ScreenModel, polishTextsFromCpp_haveNoBreakSpacesAfterOneLetterWords) {
    const QChar nbsp(0x00A0);
    ScreenModel model;
    ScreenState s = onScreen(Screen::Problem);
    s.problem = Problem::NoPhoto;
    s.orderStatus = "in_progress";
    model.apply(s);
    EXPECT_TRUE(
        model.problemAdvice().contains(QStringLiteral("w") + nbsp + QStringLiteral("USOSweb")))
        << model.problemAdvice().toStdString();
    EXPECT_EQ(model.orderStatusText(), QStringLiteral("w") + nbsp + QStringLiteral("toku"));
    s.problem = Problem::UsosRefused;
    s.usosReason = {"Brak zdjęcia w USOS.", "No photo in USOS, I am afraid."};
    model.apply(s);
    EXPECT_EQ(model.problemAdvice(),
              QStringLiteral("Brak zdjęcia w") + nbsp + QStringLiteral("USOS."));
    model.setLanguage(QStringLiteral("en"));
    EXPECT_EQ(model.problemAdvice(), QStringLiteral("No photo in USOS, I am afraid."));
    EXPECT_FALSE(model.problemHint().contains(nbsp));
}

// Issue 10, defect 8: statuses stand inside a sentence ("Stan zamówienia: oczekujące").
TEST(ScreenModel, orderStatusText_isLowerCase_inBothLanguages) {
    ScreenModel model;
    ScreenState s = onScreen(Screen::ExistingOrder);
    s.orderStatus = "pending";
    model.apply(s);
    EXPECT_EQ(model.orderStatusText(), QStringLiteral("oczekujące"));
    model.setLanguage(QStringLiteral("en"));
    EXPECT_EQ(model.orderStatusText(), QStringLiteral("pending"));
}

// Issue 10, defect 7: the goodbye says what the session achieved; thanks and a ✓ only then.
TEST(ScreenModel, goodbye_afterCancel_saysOrderCancelled) {
    ScreenModel model;
    ScreenState s = onScreen(Screen::Goodbye);
    s.orderStatus = "cancelled";
    model.apply(s);
    EXPECT_EQ(model.goodbyeTitle(), QStringLiteral("Zamówienie anulowane"));
    EXPECT_TRUE(model.goodbyeSuccess());
    model.setLanguage(QStringLiteral("en"));
    EXPECT_EQ(model.goodbyeTitle(), QStringLiteral("Order cancelled"));
    s.orderStatus = "revoked";
    model.apply(s);
    EXPECT_EQ(model.goodbyeTitle(), QStringLiteral("mLegitymacja revoked"));
}

TEST(ScreenModel, goodbye_withoutAnOrder_isNeutral) {
    ScreenModel model;
    model.apply(onScreen(Screen::Goodbye));
    EXPECT_FALSE(model.goodbyeSuccess());
    EXPECT_EQ(model.goodbyeTitle(),
              QStringLiteral("Wyjmij legitymację z") + QChar(0x00A0) + QStringLiteral("czytnika"));
    EXPECT_FALSE(model.goodbyeBody().contains(QStringLiteral("Dziękujemy")));
    model.setLanguage(QStringLiteral("en"));
    EXPECT_FALSE(model.goodbyeBody().contains(QStringLiteral("Thank")));
}

TEST(ScreenModel, mObywatelSteps_comeFromTheKioskTable_inTheChosenLanguage) {
    ScreenModel model;
    const auto& steps = kiosk::mObywatelSteps();
    ASSERT_EQ(model.mObywatelSteps().size(), static_cast<qsizetype>(steps.size()));
    EXPECT_EQ(model.mObywatelSteps().front(), QString::fromStdString(steps.front().pl));
    model.setLanguage(QStringLiteral("en"));
    EXPECT_EQ(model.mObywatelSteps().back(), QString::fromStdString(steps.back().en));
}

TEST(ScreenModel, problemTitleAndAdvice_areTheKioskTable) {
    ScreenModel model;
    ScreenState s = onScreen(Screen::Problem);
    s.problem = Problem::NoPhoto;
    model.apply(s);
    model.setLanguage(QStringLiteral("en"));
    EXPECT_EQ(model.problemTitle(),
              QString::fromStdString(kiosk::problemText(Problem::NoPhoto).title.en));
    EXPECT_EQ(model.problemAdvice(),
              QString::fromStdString(kiosk::problemText(Problem::NoPhoto).advice.en));
}

TEST(ScreenModel, activationCodeNote_inTheScreenLanguage_emptyWhenTheCodeIsShown) {
    ScreenModel model;
    ScreenState s = onScreen(Screen::Ready);
    s.token = "QR";
    s.codeNote = {"Kod wysłaliśmy na s***@x.example", "We sent the code to s***@x.example"};
    model.apply(s);
    EXPECT_EQ(model.activationCode(), QString());
    EXPECT_EQ(model.activationCodeNote(), QStringLiteral("Kod wysłaliśmy na s***@x.example"));
    model.setLanguage(QStringLiteral("en"));
    EXPECT_EQ(model.activationCodeNote(), QStringLiteral("We sent the code to s***@x.example"));
    s.codeNote = {};
    s.activationCode = "ABCD1234";
    model.apply(s);
    EXPECT_EQ(model.activationCodeNote(), QString());
}

// The model decides nothing: a tap is forwarded exactly when the engine's offer has it, on
// whatever screen.
class ScreenModelActions : public ::testing::TestWithParam<int> {};

TEST_P(ScreenModelActions, invokables_forwardExactlyWhatIsOffered) {
    const int bits = GetParam();
    ScreenModel model;
    ScreenState s = onScreen(Screen::ExistingOrder);
    s.offer.order = (bits & 1) != 0;
    s.offer.confirm = (bits & 2) != 0;
    s.offer.cancel = (bits & 4) != 0;
    s.offer.revoke = (bits & 8) != 0;
    s.offer.done = (bits & 16) != 0;
    s.offer.back = (bits & 32) != 0;
    model.apply(s);
    QSignalSpy order(&model, &ScreenModel::orderRequested);
    QSignalSpy confirm(&model, &ScreenModel::confirmRequested);
    QSignalSpy cancel(&model, &ScreenModel::cancelRequested);
    QSignalSpy revoke(&model, &ScreenModel::revokeRequested);
    QSignalSpy done(&model, &ScreenModel::doneRequested);
    QSignalSpy back(&model, &ScreenModel::backRequested);

    model.order();
    model.confirm();
    model.cancel();
    model.revoke();
    model.done();
    model.back();

    EXPECT_EQ(order.count(), s.offer.order ? 1 : 0);
    EXPECT_EQ(confirm.count(), s.offer.confirm ? 1 : 0);
    EXPECT_EQ(cancel.count(), s.offer.cancel ? 1 : 0);
    EXPECT_EQ(revoke.count(), s.offer.revoke ? 1 : 0);
    EXPECT_EQ(done.count(), s.offer.done ? 1 : 0);
    EXPECT_EQ(back.count(), s.offer.back ? 1 : 0);
    EXPECT_EQ(model.canCancel(), s.offer.cancel);
    EXPECT_EQ(model.canRevoke(), s.offer.revoke);
}

INSTANTIATE_TEST_SUITE_P(Offers, ScreenModelActions, ::testing::Values(0, 1, 2, 4, 8, 16, 32, 63));

TEST(ScreenModelHelpers, groupInFours_groupsAndKeepsShortCodes) {
    EXPECT_EQ(groupInFours(QStringLiteral("ABCDEFGHIJ")), QStringLiteral("ABCD EFGH IJ"));
    EXPECT_EQ(groupInFours(QStringLiteral("ABC")), QStringLiteral("ABC"));
    EXPECT_EQ(groupInFours(QString()), QString());
}

TEST(ScreenModelHelpers, displayDate_formatsIsoAndPassesOtherTextThrough) {
    EXPECT_EQ(displayDate(QStringLiteral("2026-02-28")), QStringLiteral("28.02.2026"));
    EXPECT_EQ(displayDate(QStringLiteral("2026-02-28T10:00:00")), QStringLiteral("28.02.2026"));
    EXPECT_EQ(displayDate(QStringLiteral("jutro")), QStringLiteral("jutro"));
}

} // namespace
} // namespace els::ui
