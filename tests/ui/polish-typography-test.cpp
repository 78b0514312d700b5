// Polish typography (issue 10, defect 8): no one-letter word at a line end, in one place for
// every Polish text — the Polish translator for qsTr() texts, ScreenModel for texts from C++.
#include <QCoreApplication>
#include <QQmlEngine>
#include <els/ui/language-switch.hpp>
#include <els/ui/polish-typography.hpp>
#include <gtest/gtest.h>

namespace els::ui {
namespace {

const QString nbsp(QChar(0x00A0));

QString withNbsp(QString text) {
    return text.replace(QLatin1Char('~'), nbsp);
}

TEST(PolishTypography, oneLetterWord_theSpaceAfterItDoesNotBreak) {
    EXPECT_EQ(polishNonBreaking(QStringLiteral("Dodaj zdjęcie w USOSweb lub w dziekanacie")),
              withNbsp(QStringLiteral("Dodaj zdjęcie w~USOSweb lub w~dziekanacie")));
    EXPECT_EQ(polishNonBreaking(QStringLiteral("czysty, i włóż ją ponownie, a potem o tym")),
              withNbsp(QStringLiteral("czysty, i~włóż ją ponownie, a~potem o~tym")));
}

TEST(PolishTypography, atTheStart_andInEitherCase) {
    EXPECT_EQ(polishNonBreaking(QStringLiteral("W toku")), withNbsp(QStringLiteral("W~toku")));
    EXPECT_EQ(polishNonBreaking(QStringLiteral("Z numerem i U nas")),
              withNbsp(QStringLiteral("Z~numerem i~U~nas")));
    EXPECT_EQ(polishNonBreaking(QStringLiteral("A I O")), withNbsp(QStringLiteral("A~I~O")));
}

TEST(PolishTypography, afterAnOpeningBracketOrQuote_butNotInsideAWord) {
    EXPECT_EQ(polishNonBreaking(QStringLiteral("(w USOS) „z legitymacji”")),
              withNbsp(QStringLiteral("(w~USOS) „z~legitymacji”")));
    // Letters that end or start a longer word, or follow '-', '@', '.', stay as they are.
    const QString untouched = QStringLiteral("e-mail a.b@x.example Wyjmij za o.o. aw z");
    EXPECT_EQ(polishNonBreaking(untouched),
              withNbsp(QStringLiteral("e-mail a.b@x.example Wyjmij za o.o. aw z")));
    // A one-letter word at the very end has no space to fix.
    EXPECT_EQ(polishNonBreaking(QStringLiteral("ona i")), QStringLiteral("ona i"));
}

TEST(PolishTypography, placeholdersAreUntouched_andStillFilled) {
    const auto text = polishNonBreaking(QStringLiteral("%1 i %2 w %3"));
    EXPECT_EQ(text, withNbsp(QStringLiteral("%1 i~%2 w~%3")));
    EXPECT_EQ(text.arg(QStringLiteral("A B"), QStringLiteral("z x"), QStringLiteral("o")),
              withNbsp(QStringLiteral("A B i~z x w~o")));
}

TEST(PolishTypography, noOneLetterWords_textUnchanged) {
    const QString text = QStringLiteral("Włóż legitymację studencką do czytnika.");
    EXPECT_EQ(polishNonBreaking(text), text);
}

// The translators: Polish (the source language) gets the typography through LanguageSwitch's
// translator; English comes from the .qm, its one-letter words ("a", "I") untouched.
TEST(PolishTypography, languageSwitch_polishTranslatorAppliesIt_englishDoesNot) {
    QQmlEngine engine;
    {
        LanguageSwitch language(engine);
        EXPECT_EQ(QCoreApplication::translate("ProblemScreen", "Zakończ w domu"),
                  withNbsp(QStringLiteral("Zakończ w~domu")));
        language.apply(QStringLiteral("en"));
        EXPECT_EQ(QCoreApplication::translate("ConfirmCancelScreen", "Tak, anuluj"),
                  QStringLiteral("Yes, cancel it"));
        // Not in the .qm: the source text as it is, no Polish typography on an English screen.
        EXPECT_EQ(QCoreApplication::translate("ProblemScreen", "Zakończ w domu"),
                  QStringLiteral("Zakończ w domu"));
        language.apply(QStringLiteral("pl"));
        EXPECT_EQ(QCoreApplication::translate("ProblemScreen", "Zakończ w domu"),
                  withNbsp(QStringLiteral("Zakończ w~domu")));
    }
    // Removed with the switch: nothing is left installed.
    EXPECT_EQ(QCoreApplication::translate("ProblemScreen", "Zakończ w domu"),
              QStringLiteral("Zakończ w domu"));
}

} // namespace
} // namespace els::ui
