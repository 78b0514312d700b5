#include <QProcess>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <els/ui/qr-image-provider.hpp>
#include <els/ui/screen-model.hpp>
#include <gtest/gtest.h>
#include <string>

namespace els::ui {
namespace {

// Decodes with an independent decoder (zbar), byte for byte.
std::string decodeWithZbar(const QImage& image) {
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("qr.png"));
    if (!image.save(file))
        return "<save failed>";
    QProcess zbar;
    zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--quiet"), QStringLiteral("--raw"),
                                           QStringLiteral("-Sbinary"), file});
    if (!zbar.waitForFinished(10000) || zbar.exitCode() != 0)
        return "<no code found>";
    return zbar.readAllStandardOutput().toStdString();
}

// What QML hands to the provider: Qt strips "image://qr/" from the (partly decoded) URL.
QString idAsQmlPassesIt(const QString& text) {
    return QUrl(qrImageSource(text)).toString(QUrl::RemoveScheme | QUrl::RemoveAuthority).mid(1);
}

const std::string polish = "Zażółć gęślą jaźń — ŁÓDŹ, Świętokrzyska";
const std::string special = "a/b?c#d%20e f+g&h=i%";
const std::string longToken = [] {
    std::string t;
    for (int i = 0; i < 40; ++i)
        t += "mLegitymacja-token-" + std::to_string(i * 7919) + "-";
    return t; // ~1000 bytes
}();

class QrRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(QrRoundTrip, renderQr_decodesToTheExactInput) {
    const QImage image = renderQr(GetParam(), 800);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(decodeWithZbar(image), GetParam());
}

TEST_P(QrRoundTrip, provider_withIdAsQmlPassesIt_decodesToTheExactInput) {
    QrImageProvider provider;
    QSize size;
    const QImage image = provider.requestImage(idAsQmlPassesIt(QString::fromStdString(GetParam())),
                                               &size, QSize(800, 800));
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(size, image.size());
    EXPECT_EQ(decodeWithZbar(image), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Texts, QrRoundTrip,
                         ::testing::Values(std::string("DEMO-7f3a9c21-4b6e-9a55"), polish, special,
                                           longToken,
                                           std::string("https://www.gov.pl/web/mobywatel")));

TEST(RenderQr, scalesByWholeModulesWithQuietZoneAndOnlyBlackOrWhite) {
    const QImage image = renderQr("DEMO-7f3a9c21", 500);
    ASSERT_FALSE(image.isNull());
    ASSERT_EQ(image.width(), image.height());
    EXPECT_LE(image.width(), 500);

    // Version 1 is 21 modules; plus 2 x 4 quiet-zone modules = 29.
    const int modules = 29;
    ASSERT_EQ(image.width() % modules, 0);
    const int scale = image.width() / modules;
    EXPECT_EQ(scale, 500 / modules);

    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const int v = qGray(image.pixel(x, y));
            ASSERT_TRUE(v == 0 || v == 255) << x << "," << y;
            const bool inQuietZone = x < 4 * scale || y < 4 * scale ||
                                     x >= image.width() - 4 * scale ||
                                     y >= image.height() - 4 * scale;
            if (inQuietZone) {
                ASSERT_EQ(v, 255) << x << "," << y;
            }
        }
    }
    // Top-left finder pattern starts right after the quiet zone.
    EXPECT_EQ(qGray(image.pixel(4 * scale, 4 * scale)), 0);
}

TEST(RenderQr, tinyRequestedSize_stillUsesOnePixelPerModule) {
    const QImage image = renderQr("DEMO", 10);
    EXPECT_EQ(image.width(), 29);
}

TEST(RenderQr, textTooLongForAnyQrCode_givesNullImage) {
    EXPECT_TRUE(renderQr(std::string(5000, 'x'), 800).isNull());
}

TEST(QrView, tokenShownThroughQml_decodesFromTheGrabbedWindow) {
    QQuickView view;
    view.engine()->addImportPath(QStringLiteral("qrc:/"));
    view.engine()->addImageProvider(QStringLiteral("qr"), new QrImageProvider);
    view.resize(640, 640);
    view.setColor(Qt::white);

    QQmlComponent component(view.engine());
    component.setData("import QtQuick\nimport Els.Kiosk\nQrView { width: 600; height: 600 }",
                      QUrl());
    auto* item = qobject_cast<QQuickItem*>(component.create());
    ASSERT_NE(item, nullptr) << component.errorString().toStdString();
    item->setParentItem(view.contentItem());
    item->setProperty("source", qrImageSource(QString::fromStdString(polish)));
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));

    EXPECT_EQ(decodeWithZbar(view.grabWindow()), polish);
    delete item;
}

} // namespace
} // namespace els::ui
