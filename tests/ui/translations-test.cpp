// Every qsTr() text has its English translation (issue 10, defect 8): lupdate is run on the QML
// sources into a copy of els-kiosk_en.ts; a text added or changed without a translation comes
// out "unfinished", one removed from the QML comes out "vanished".
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <gtest/gtest.h>

namespace {

struct Message {
    QString context;
    QString source;
    QString translation;
    QString type; // "", "unfinished", "vanished", "obsolete"
};

QList<Message> readTs(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            current = Message{context, {}, {}, {}};
        } else if (xml.name() == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            current.type = xml.attributes().value(QLatin1String("type")).toString();
            current.translation = xml.readElementText();
            messages.append(current);
        }
    }
    return messages;
}

QSet<QString> placeholders(const QString& text) {
    static const QRegularExpression placeholder(QStringLiteral("%\\d+"));
    QSet<QString> found;
    for (const auto& match : placeholder.globalMatch(text))
        found.insert(match.captured());
    return found;
}

TEST(QmlTranslations, everyQmlTextHasAnEnglishTranslation_andNoneIsStale) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString ts = dir.filePath(QStringLiteral("els-kiosk_en.ts"));
    ASSERT_TRUE(QFile::copy(QStringLiteral(ELS_TS_FILE), ts));

    QProcess lupdate;
    lupdate.start(QStringLiteral(ELS_LUPDATE),
                  {QStringLiteral(ELS_UI_QML_DIR), QStringLiteral("-ts"), ts,
                   QStringLiteral("-locations"), QStringLiteral("none")});
    ASSERT_TRUE(lupdate.waitForFinished(60000));
    ASSERT_EQ(lupdate.exitCode(), 0) << lupdate.readAllStandardError().toStdString();

    const auto messages = readTs(ts);
    ASSERT_GT(messages.size(), 30); // the kiosk's screens, not an empty scan
    for (const auto& m : messages) {
        const auto where = (m.context + QStringLiteral(": ") + m.source).toStdString();
        EXPECT_TRUE(m.type.isEmpty()) << m.type.toStdString() << " — " << where;
        EXPECT_FALSE(m.translation.trimmed().isEmpty()) << where;
        EXPECT_EQ(placeholders(m.translation), placeholders(m.source)) << where;
    }
}

// The glossary's forbidden words stay out of the English screens.
TEST(QmlTranslations, english_followsTheGlossary) {
    for (const auto& m : readTs(QStringLiteral(ELS_TS_FILE))) {
        const auto where = (m.context + QStringLiteral(": ") + m.translation).toStdString();
        for (const auto* forbidden : {"Not now", "Done", "Hello, %1"})
            EXPECT_NE(m.translation, QLatin1String(forbidden)) << where;
        EXPECT_FALSE(m.translation.contains(QLatin1String("ELS"))) << where;
    }
}

} // namespace
