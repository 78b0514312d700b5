#pragma once

#include <QString>
#include <QTranslator>

namespace els::ui {

// Polish typography: a one-letter word (a, i, o, u, w, z, in either case) must not end a line,
// so the space after it becomes a no-break space (U+00A0). Everything else, "%1" placeholders
// included, is left as it is; apply it before arguments are filled in.
QString polishNonBreaking(const QString& text);

// The translator for Polish, the source language of every qsTr() text: it returns the source
// text with polishNonBreaking applied, so every Polish screen text passes through one place.
// LanguageSwitch installs it whenever the English translator is not.
class PolishTypography : public QTranslator {
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    QString translate(const char* context, const char* sourceText,
                      const char* disambiguation = nullptr, int n = -1) const override;
    // Not empty: QCoreApplication does not install an empty translator.
    bool isEmpty() const override { return false; }
};

} // namespace els::ui
