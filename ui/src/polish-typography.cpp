#include <els/ui/polish-typography.hpp>

namespace els::ui {

namespace {

constexpr QChar noBreakSpace(0x00A0);

bool isOneLetterWord(QChar c) {
    return QStringView(u"aiouwzAIOUWZ").contains(c);
}

// What may stand right before a word: a space (a no-break one too) or an opening bracket or
// quotation mark, so that "(w USOS)" and "„a potem”" count but "e-mail a" does not end "l a".
bool opensWord(QChar c) {
    return c.isSpace() || QStringView(u"([{„\"“‘'«").contains(c);
}

} // namespace

QString polishNonBreaking(const QString& text) {
    QString out = text;
    for (qsizetype i = 0; i + 1 < out.size(); ++i) {
        if (isOneLetterWord(out[i]) && out[i + 1] == QLatin1Char(' ') &&
            (i == 0 || opensWord(out[i - 1])))
            out[i + 1] = noBreakSpace;
    }
    return out;
}

QString PolishTypography::translate(const char* /*context*/, const char* sourceText,
                                    const char* /*disambiguation*/, int /*n*/) const {
    if (!sourceText)
        return {};
    return polishNonBreaking(QString::fromUtf8(sourceText));
}

} // namespace els::ui
