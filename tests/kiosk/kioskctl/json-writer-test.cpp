// kioskctl's JSON output: whatever a card holds, the line must parse and round-trip.
#include "json-writer.hpp"

#include <gtest/gtest.h>

using els::kiosk::kioskctl::JsonObject;
using els::kiosk::kioskctl::jsonString;

TEST(JsonString, quotesAndBackslashes_areEscaped) {
    EXPECT_EQ(jsonString(R"(say "hi" \o/)"), R"("say \"hi\" \\o/")");
    EXPECT_EQ(jsonString(""), R"("")");
}

TEST(JsonString, controlCharacters_areEscaped) {
    EXPECT_EQ(jsonString("a\nb\tc"), R"("a\nb\tc")");
    EXPECT_EQ(jsonString(std::string_view("\0\x01\x1f\r\b\f\x7f", 7)),
              R"("\u0000\u0001\u001f\u000d\u0008\u000c\u007f")");
}

TEST(JsonString, utf8_passesThroughUnchanged) {
    const std::string polish = "Zażółć gęślą jaźń ĄĆĘŁŃÓŚŹŻ";
    EXPECT_EQ(jsonString(polish), '"' + polish + '"');
    EXPECT_EQ(jsonString("€ 𝄞 ✓"), "\"€ 𝄞 ✓\"") << "3- and 4-byte sequences";
}

TEST(JsonString, invalidUtf8_becomesReplacementCharacters) {
    EXPECT_EQ(jsonString("a\xff"
                         "b"),
              R"("a\ufffdb")")
        << "byte never valid in UTF-8";
    EXPECT_EQ(jsonString("\xc3"), R"("\ufffd")") << "truncated sequence";
    EXPECT_EQ(jsonString("\xc0\xaf"), R"("\ufffd\ufffd")") << "overlong '/'";
    EXPECT_EQ(jsonString("\xed\xa0\x80"), R"("\ufffd\ufffd\ufffd")") << "UTF-16 surrogate";
    EXPECT_EQ(jsonString("\xf4\x90\x80\x80"), R"("\ufffd\ufffd\ufffd\ufffd")") << "above U+10FFFF";
    EXPECT_EQ(jsonString("\x80ł"), "\"\\ufffdł\"") << "stray continuation byte";
}

TEST(JsonObject, keepsKeyOrderAndTypes) {
    JsonObject json;
    json.add("signature", "valid")
        .add("trusted", true)
        .add("extended", false)
        .add("apdu_count", 5ul)
        .add("given_names", std::vector<std::string>{"Jan", "Maria \"Ola\""})
        .add("empty", std::vector<std::string>{});
    EXPECT_EQ(json.str(), R"({"signature":"valid","trusted":true,"extended":false,)"
                          R"("apdu_count":5,"given_names":["Jan","Maria \"Ola\""],"empty":[]})");
}

TEST(JsonObject, empty_isAnEmptyObject) {
    EXPECT_EQ(JsonObject().str(), "{}");
}
