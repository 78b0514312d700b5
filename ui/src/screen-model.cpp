#include <QRegularExpression>
#include <QUrl>
#include <els/kiosk/problem-text.hpp>
#include <els/ui/polish-typography.hpp>
#include <els/ui/screen-model.hpp>

namespace els::ui {
namespace {

static_assert(static_cast<int>(ScreenModel::Screen::OutOfService) ==
              static_cast<int>(kiosk::Screen::OutOfService));
static_assert(static_cast<int>(ScreenModel::Problem::Internal) ==
              static_cast<int>(kiosk::Problem::Internal));

const QString mObywatelDownloadUrl = QStringLiteral("https://www.gov.pl/web/mobywatel");

QString fromUtf8(const std::string& s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

} // namespace

ScreenModel::ScreenModel(QObject* parent) : QObject(parent) {}

void ScreenModel::apply(const kiosk::ScreenState& state) {
    if (state == state_)
        return;
    const bool screenMoved = state.screen != state_.screen;
    state_ = state;
    if (screenMoved)
        emit screenChanged();
    emit contentChanged();
}

ScreenModel::Screen ScreenModel::screen() const {
    return static_cast<Screen>(state_.screen);
}

ScreenModel::Problem ScreenModel::problem() const {
    return static_cast<Problem>(state_.problem);
}

QString ScreenModel::localized(const kiosk::LocalizedText& text) const {
    // USOS may leave one language out: the other is better than nothing.
    const bool english = language_ == QLatin1String("en") ? !text.en.empty() : text.pl.empty();
    if (english)
        return fromUtf8(text.en);
    // The texts from C++ (problems, USOS's reasons, statuses) get the same typography as the
    // qsTr() texts get from the Polish translator.
    return polishNonBreaking(fromUtf8(text.pl));
}

QString ScreenModel::problemTitle() const {
    return localized(kiosk::problemText(state_.problem).title);
}

QString ScreenModel::problemAdvice() const {
    if (state_.problem == kiosk::Problem::UsosRefused)
        return localized(state_.usosReason);
    return localized(kiosk::problemText(state_.problem).advice);
}

QString ScreenModel::problemHint() const {
    // USOS's reason says what is wrong, not where to go: the table's advice adds that.
    if (state_.problem == kiosk::Problem::UsosRefused)
        return localized(kiosk::problemText(state_.problem).advice);
    return {};
}

QStringList ScreenModel::mObywatelSteps() const {
    QStringList steps;
    for (const auto& step : kiosk::mObywatelSteps())
        steps.append(localized(step));
    return steps;
}

QString ScreenModel::firstName() const {
    return fromUtf8(state_.firstName);
}

QString ScreenModel::orderStatus() const {
    return fromUtf8(state_.orderStatus);
}

QString ScreenModel::orderStatusText() const {
    return localized(kiosk::orderStatusText(state_.orderStatus));
}

QString ScreenModel::goodbyeTitle() const {
    return localized(kiosk::goodbyeText(state_.orderStatus).title);
}

QString ScreenModel::goodbyeBody() const {
    return localized(kiosk::goodbyeText(state_.orderStatus).body);
}

bool ScreenModel::goodbyeSuccess() const {
    return kiosk::goodbyeText(state_.orderStatus).success;
}

int ScreenModel::orderStep() const {
    return kiosk::orderStep(state_.orderStatus);
}

QString ScreenModel::orderDate() const {
    return displayDate(fromUtf8(state_.orderDate));
}

QString ScreenModel::expirationDate() const {
    return displayDate(fromUtf8(state_.expirationDate));
}

QString ScreenModel::activationCode() const {
    return fromUtf8(state_.activationCode);
}

QString ScreenModel::activationCodeNote() const {
    return state_.codeNote.en.empty() ? QString() : localized(state_.codeNote);
}

QString ScreenModel::activationCodeGrouped() const {
    return groupInFours(activationCode());
}

QString ScreenModel::qrSource() const {
    return state_.token.empty() ? QString() : qrImageSource(fromUtf8(state_.token));
}

QString ScreenModel::downloadQrSource() const {
    return qrImageSource(mObywatelDownloadUrl);
}

QString ScreenModel::downloadUrl() const {
    return mObywatelDownloadUrl;
}

// The session engine decided what is offered; a tap on anything else is not forwarded.
void ScreenModel::order() {
    if (state_.offer.order)
        emit orderRequested();
}

void ScreenModel::confirm() {
    if (state_.offer.confirm)
        emit confirmRequested();
}

void ScreenModel::cancel() {
    if (state_.offer.cancel)
        emit cancelRequested();
}

void ScreenModel::revoke() {
    if (state_.offer.revoke)
        emit revokeRequested();
}

void ScreenModel::done() {
    if (state_.offer.done)
        emit doneRequested();
}

void ScreenModel::back() {
    if (state_.offer.back)
        emit backRequested();
}

void ScreenModel::moreTime() {
    if (state_.offer.moreTime)
        emit moreTimeRequested();
}

void ScreenModel::setLanguage(const QString& language) {
    if (language != QLatin1String("pl") && language != QLatin1String("en"))
        return;
    if (language == language_)
        return;
    language_ = language;
    emit languageChanged(language_);
    emit contentChanged();
}

QString qrImageSource(const QString& text) {
    // Percent-encode everything but unreserved characters, so '/', '?', '#' and '%' in a token
    // survive the trip through QML's URL handling; the provider decodes it again.
    return QStringLiteral("image://qr/") + QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QString groupInFours(const QString& code) {
    QString grouped;
    grouped.reserve(code.size() + code.size() / 4);
    for (qsizetype i = 0; i < code.size(); ++i) {
        if (i > 0 && i % 4 == 0)
            grouped += QLatin1Char(' ');
        grouped += code[i];
    }
    return grouped;
}

QString displayDate(const QString& isoDate) {
    static const QRegularExpression iso(QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})"));
    const auto match = iso.match(isoDate);
    if (!match.hasMatch())
        return isoDate;
    return match.captured(3) + QLatin1Char('.') + match.captured(2) + QLatin1Char('.') +
           match.captured(1);
}

} // namespace els::ui
