#include "els/smartcard/error.hpp"
#include "els/smartcard/image/card-image.hpp"
#include "els/smartcard/verify.hpp"

#include <gtest/gtest.h>

using namespace els::smartcard;
using namespace els::smartcard::image;
using namespace std::chrono;

namespace {

Bytes tlv(std::uint8_t tag, const Bytes& value) {
    Bytes out{tag};
    if (value.size() < 0x80) {
        out.push_back(static_cast<std::uint8_t>(value.size()));
    } else {
        out.insert(out.end(), {0x82, static_cast<std::uint8_t>(value.size() >> 8),
                               static_cast<std::uint8_t>(value.size())});
    }
    out.insert(out.end(), value.begin(), value.end());
    return out;
}

Bytes text(std::string_view s) {
    return {s.begin(), s.end()};
}

Bytes concat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& part : parts)
        out.insert(out.end(), part.begin(), part.end());
    return out;
}

// The nine fields of a valid card with one field replaced, for malformed-input tests.
Bytes contentWith(int replacedIndex, const Bytes& replacement, const Bytes& appended = {}) {
    std::vector<Bytes> fields{
        tlv(0x02, {0x01}),
        tlv(0x13, text("04A1")),
        tlv(0x0C, text("Uniwersytet Testowy")),
        tlv(0x30, tlv(0x0C, text("Testowa"))),
        tlv(0x30, tlv(0x0C, text("Anna"))),
        tlv(0x13, text("123456")),
        tlv(0x13, text("UTK01")),
        tlv(0x13, text("01251712346")),
        tlv(0x18, text("20310331000000Z")),
    };
    if (replacedIndex >= 0)
        fields[static_cast<std::size_t>(replacedIndex)] = replacement;
    Bytes body;
    for (const auto& field : fields)
        body.insert(body.end(), field.begin(), field.end());
    body.insert(body.end(), appended.begin(), appended.end());
    return tlv(0x30, body);
}

void expectMalformed(const Bytes& content) {
    try {
        parseElsContent(content);
        ADD_FAILURE() << "parsed: " << toHex(content);
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::MalformedData) << e.what();
    }
}

ElsData parsed(const CardDescription& card) {
    return parseElsContent(encodeElsContent(card));
}

} // namespace

TEST(ElsContent, defaultCard_parses_everyField) {
    const CardDescription card;
    const ElsData data = parsed(card);
    EXPECT_EQ(data.version, 1);
    EXPECT_EQ(data.chipSerial, card.chipSerial);
    EXPECT_EQ(data.university, card.university);
    EXPECT_EQ(data.surnames, card.surnames);
    EXPECT_EQ(data.givenNames, card.givenNames);
    EXPECT_EQ(data.albumNumber, card.albumNumber);
    EXPECT_EQ(data.universityCode, card.universityCode);
    EXPECT_EQ(data.pesel, card.pesel);
    EXPECT_EQ(data.validUntil, year{2031} / March / 31);
}

TEST(ElsContent, multipleNames_parse_inOrder) {
    CardDescription card;
    card.surnames = {"Nowak", "Testowa"};
    card.givenNames = {"Anna", "Maria", "Józefa"};
    const ElsData data = parsed(card);
    EXPECT_EQ(data.surnames, card.surnames);
    EXPECT_EQ(data.givenNames, card.givenNames);
}

TEST(ElsContent, polishDiacritics_parse_asUtf8) {
    CardDescription card;
    card.surnames = {"Źdźbło-Łęcka"};
    card.givenNames = {"Łucja", "Żaneta"};
    card.university = "Uniwersytet Mikołaja Kopernika: ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ";
    const ElsData data = parsed(card);
    EXPECT_EQ(data.surnames.front(), "Źdźbło-Łęcka");
    EXPECT_EQ(data.givenNames.at(1), "Żaneta");
    EXPECT_EQ(data.university, card.university);
}

TEST(ElsContent, longNames_useLongLengthForms_andParse) {
    CardDescription card;
    card.surnames = {std::string(200, 'a') + "ł", std::string(150, 'b')};
    card.givenNames = {std::string(130, 'c')};
    const Bytes content = encodeElsContent(card);
    ASSERT_GT(content.size(), 256u);
    EXPECT_EQ(content[1], 0x82); // two-byte length of the outer SEQUENCE
    EXPECT_EQ(parseElsContent(content).surnames, card.surnames);
    EXPECT_EQ(parseElsContent(content).givenNames, card.givenNames);
}

TEST(ElsContent, everyLengthInLongForm_parses) {
    CardDescription card;
    card.lengthForm = LengthForm::Long;
    const Bytes content = encodeElsContent(card);
    EXPECT_EQ(content[1], 0x82);
    EXPECT_EQ(parseElsContent(content), parsed(CardDescription{}));
}

TEST(ElsContent, utcTime_parses_withRfc5280Century) {
    CardDescription card;
    card.dateType = DateType::Utc;
    card.validUntil = year{2025} / October / 31;
    EXPECT_EQ(parsed(card).validUntil, year{2025} / October / 31);
    card.validUntil = year{1999} / March / 31;
    EXPECT_EQ(parsed(card).validUntil, year{1999} / March / 31);
}

TEST(ElsContent, generalizedTimeVariants_parse_calendarDate) {
    for (const char* date :
         {"20310331", "20310331235959Z", "20310331120000.5+0100", "2031033112"}) {
        EXPECT_EQ(parseElsContent(contentWith(8, tlv(0x18, text(date)))).validUntil,
                  year{2031} / March / 31)
            << date;
    }
}

TEST(ElsContent, t61Ia5AndPrintableStrings_parse) {
    CardDescription card;
    card.stringTypes = {StringType::Ia5, StringType::T61,       StringType::T61,
                        StringType::Ia5, StringType::Printable, StringType::Ia5};
    card.surnames = {"Müller"};
    card.givenNames = {"José", "Zoë"};
    card.university = "Université Test";
    const ElsData data = parsed(card);
    EXPECT_EQ(data.surnames.front(), "Müller");
    EXPECT_EQ(data.givenNames, card.givenNames);
    EXPECT_EQ(data.university, "Université Test");
    EXPECT_EQ(data.pesel, card.pesel);
}

TEST(ElsContent, singleStringInsteadOfSequence_parsesAsOneName) {
    EXPECT_EQ(parseElsContent(contentWith(3, tlv(0x0C, text("Testowa")))).surnames,
              std::vector<std::string>{"Testowa"});
}

TEST(ElsContent, extraFieldsAfterTheKnownNine_areIgnored) {
    const Bytes content =
        contentWith(-1, {}, concat({tlv(0x0C, text("future")), tlv(0x30, tlv(0x02, {0x05}))}));
    EXPECT_EQ(parseElsContent(content).pesel, "01251712346");
}

TEST(ElsContent, everyTruncation_isMalformed) {
    const Bytes content = encodeElsContent(CardDescription{});
    for (std::size_t size = 0; size < content.size(); ++size) {
        expectMalformed(Bytes(content.begin(), content.begin() + static_cast<long>(size)));
    }
}

TEST(ElsContent, oversizedLengths_areMalformed) {
    Bytes content = contentWith(-1, {});
    content[1] = static_cast<std::uint8_t>(content[1] + 1); // outer length one past the data
    expectMalformed(content);
    expectMalformed(contentWith(1, {0x13, 0x85, 0x01, 0x00, 0x00, 0x00, 0x04, 'a'}));
    expectMalformed(contentWith(1, {0x13, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 'a'}));
    expectMalformed({0x30, 0x82, 0xFF});
}

TEST(ElsContent, indefiniteLength_isMalformed) {
    Bytes content = contentWith(-1, {});
    Bytes indefinite{0x30, 0x80};
    indefinite.insert(indefinite.end(), content.begin() + 2, content.end());
    indefinite.insert(indefinite.end(), {0x00, 0x00});
    expectMalformed(indefinite);
}

TEST(ElsContent, trailingGarbage_isMalformed) {
    Bytes after = contentWith(-1, {});
    after.push_back(0x00);
    expectMalformed(after);
    expectMalformed(contentWith(-1, {}, {0xFF})); // inside the SEQUENCE
    expectMalformed(contentWith(3, tlv(0x30, concat({tlv(0x0C, text("A")), {0x0C}}))));
}

TEST(ElsContent, wrongTypes_areMalformed) {
    expectMalformed(contentWith(0, tlv(0x13, text("1"))));           // version as a string
    expectMalformed(contentWith(1, tlv(0x02, {0x01})));              // serial as an INTEGER
    expectMalformed(contentWith(4, tlv(0x30, tlv(0x02, {0x01}))));   // a given name as INTEGER
    expectMalformed(contentWith(8, tlv(0x0C, text("20310331"))));    // date as UTF8String
    expectMalformed(contentWith(7, tlv(0x04, text("01251712346")))); // PESEL as OCTET STRING
    expectMalformed(tlv(0x31, contentWith(-1, {})));                 // SET instead of SEQUENCE
    expectMalformed(contentWith(1, {0x1F, 0x22, 0x01, 'a'}));        // high tag number
}

TEST(ElsContent, missingFields_areMalformed) {
    expectMalformed(tlv(0x30, concat({tlv(0x02, {0x01}), tlv(0x13, text("04A1"))})));
    expectMalformed(tlv(0x30, {}));
    expectMalformed(contentWith(3, tlv(0x30, {}))); // no surname at all
}

TEST(ElsContent, badStrings_areMalformed) {
    expectMalformed(contentWith(2, tlv(0x0C, {0xC0, 0xAF})));          // overlong '/'
    expectMalformed(contentWith(2, tlv(0x0C, {'a', 0x80})));           // lone continuation
    expectMalformed(contentWith(2, tlv(0x0C, {0xED, 0xA0, 0x80})));    // surrogate
    expectMalformed(contentWith(2, tlv(0x0C, {0xC5})));                // cut sequence
    expectMalformed(contentWith(2, tlv(0x0C, text("Uni\nwersytet")))); // control character
    expectMalformed(contentWith(5, tlv(0x13, {'1', 0xB3})));           // non-ASCII Printable
    expectMalformed(contentWith(5, tlv(0x16, {'1', 0xB3})));           // non-ASCII IA5
}

TEST(ElsContent, badDates_areMalformed) {
    expectMalformed(contentWith(8, tlv(0x18, text("20310230000000Z")))); // 30 February
    expectMalformed(contentWith(8, tlv(0x18, text("2031033"))));         // too short
    expectMalformed(contentWith(8, tlv(0x18, text("2031-03-31"))));
    expectMalformed(contentWith(8, tlv(0x17, text("3113"))));
}

TEST(ElsContent, badVersions_areMalformed) {
    expectMalformed(contentWith(0, tlv(0x02, {})));
    expectMalformed(contentWith(0, tlv(0x02, {0xFF})));
    expectMalformed(contentWith(0, tlv(0x02, {0x01, 0x00, 0x00, 0x00, 0x00})));
}

TEST(ElsContent, everySingleByteCorruption_eitherParsesOrIsMalformed) {
    const Bytes content = encodeElsContent(CardDescription{});
    for (std::size_t i = 0; i < content.size(); ++i) {
        for (const std::uint8_t mask : {0x01, 0x80, 0xFF}) {
            Bytes corrupted = content;
            corrupted[i] ^= mask;
            try {
                parseElsContent(corrupted);
            } catch (const Error& e) {
                EXPECT_EQ(e.code(), ErrorCode::MalformedData);
            }
        }
    }
}

TEST(ElsContent, validityDate_isExtendedThroughThatDay) {
    const ElsData data = parsed(CardDescription{});
    EXPECT_TRUE(isExtended(data, year{2031} / March / 31));
    EXPECT_TRUE(isExtended(data, year{2030} / October / 1));
    EXPECT_FALSE(isExtended(data, year{2031} / April / 1));
}
