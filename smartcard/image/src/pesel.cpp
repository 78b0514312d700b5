#include "els/smartcard/image/pesel.hpp"

#include <array>
#include <stdexcept>

namespace els::smartcard::image {

namespace {

constexpr std::array<int, 10> weights{1, 3, 7, 9, 1, 3, 7, 9, 1, 3};

int checkDigit(std::string_view firstTen) {
    int sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i)
        sum += (firstTen[i] - '0') * weights[i];
    return (10 - sum % 10) % 10;
}

// The month carries the century: +80 for 1800s, +0 for 1900s, +20, +40, +60 for 2000..2299.
int monthOffset(int year) {
    if (year >= 1800 && year < 1900)
        return 80;
    if (year >= 1900 && year < 2300)
        return (year / 100 - 19) * 20;
    throw std::invalid_argument("PESEL birth year must be within 1800..2299");
}

} // namespace

std::string fakePesel(std::chrono::year_month_day birthDate, unsigned serial, Sex sex) {
    if (!birthDate.ok())
        throw std::invalid_argument("PESEL birth date is not a calendar date");
    if (serial > 4999)
        throw std::invalid_argument("PESEL serial must be within 0..4999");
    const int year = static_cast<int>(birthDate.year());
    const int month =
        static_cast<int>(static_cast<unsigned>(birthDate.month())) + monthOffset(year);
    const int day = static_cast<int>(static_cast<unsigned>(birthDate.day()));
    const int sexDigit = static_cast<int>(serial % 5) * 2 + (sex == Sex::Male ? 1 : 0);
    const int values[] = {year % 100, month, day, static_cast<int>(serial / 5)};
    std::string pesel;
    for (std::size_t i = 0; i < 3; ++i) {
        pesel.push_back(static_cast<char>('0' + values[i] / 10));
        pesel.push_back(static_cast<char>('0' + values[i] % 10));
    }
    pesel += std::to_string(1000 + values[3]).substr(1);
    pesel.push_back(static_cast<char>('0' + sexDigit));
    pesel.push_back(static_cast<char>('0' + checkDigit(pesel)));
    return pesel;
}

bool isValidPesel(std::string_view pesel) noexcept {
    if (pesel.size() != 11)
        return false;
    for (const char c : pesel) {
        if (c < '0' || c > '9')
            return false;
    }
    if (checkDigit(pesel) != pesel[10] - '0')
        return false;
    const int yy = (pesel[0] - '0') * 10 + (pesel[1] - '0');
    const int encodedMonth = (pesel[2] - '0') * 10 + (pesel[3] - '0');
    const int day = (pesel[4] - '0') * 10 + (pesel[5] - '0');
    const int centuryIndex = encodedMonth / 20; // 0: 1900s, 1: 2000s, 2: 2100s, 3: 2200s, 4: 1800s
    const int century = centuryIndex == 4 ? 1800 : 1900 + centuryIndex * 100;
    const std::chrono::year_month_day birth{
        std::chrono::year{century + yy},
        std::chrono::month{static_cast<unsigned>(encodedMonth % 20)},
        std::chrono::day{static_cast<unsigned>(day)}};
    return birth.ok();
}

} // namespace els::smartcard::image
