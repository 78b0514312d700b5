#include "seed-cards.hpp"

#include "els/smartcard/image/card-image.hpp"

#include <QDate>
#include <QFile>
#include <QJsonDocument>
#include <chrono>
#include <stdexcept>
#include <vector>

namespace els::testing {

namespace {

// "today+150" / "today-20" / "YYYY-MM-DD", as the seed writes dates.
std::chrono::year_month_day seedDate(const QString& text) {
    const QDate date = text.startsWith("today") ? QDate::currentDate().addDays(text.mid(5).toInt())
                                                : QDate::fromString(text, Qt::ISODate);
    return std::chrono::year_month_day{std::chrono::year{date.year()},
                                       std::chrono::month{static_cast<unsigned>(date.month())},
                                       std::chrono::day{static_cast<unsigned>(date.day())}};
}

std::vector<std::string> strings(const QJsonValue& list) {
    std::vector<std::string> out;
    for (const auto& item : list.toArray())
        out.push_back(item.toString().toStdString());
    return out;
}

} // namespace

QJsonArray seedStudents() {
    QFile file(USOS_SIM_SEED);
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("usos-sim seed missing: " USOS_SIM_SEED);
    return QJsonDocument::fromJson(file.readAll()).object().value("students").toArray();
}

QJsonObject seedStudent(const std::string& id) {
    for (const auto& s : seedStudents())
        if (s.toObject().value("id").toString().toStdString() == id)
            return s.toObject();
    throw std::runtime_error("no seeded student " + id);
}

std::filesystem::path makeSeedCard(const smartcard::image::Credential& signer,
                                   const std::string& studentId, const std::filesystem::path& dir) {
    namespace image = smartcard::image;
    const auto chip = seedStudent(studentId).value("chip").toObject();
    image::CardDescription card;
    card.chipSerial = chip.value("chip_serial").toString().toStdString();
    card.university = chip.value("university").toString().toStdString();
    card.universityCode = chip.value("university_code").toString().toStdString();
    card.surnames = strings(chip.value("surnames"));
    card.givenNames = strings(chip.value("given_names"));
    card.albumNumber = chip.value("album_number").toString().toStdString();
    card.pesel = chip.value("pesel").toString().toStdString();
    card.validUntil = seedDate(chip.value("valid_until").toString());
    const auto out = dir / ("card-" + studentId);
    image::writeCardImage(out, image::makeCardImage(card, signer));
    return out;
}

} // namespace els::testing
