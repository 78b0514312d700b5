#include "els/platform/oauth1.hpp"

#include <gtest/gtest.h>

namespace oauth1 = els::platform::oauth1;

namespace {

// RFC 5849 §3.1 request: query, form body and Authorization header parameters, decoded.
oauth1::Parameters rfc5849Section31Parameters() {
    return {
        {"b5", "=%3D"},
        {"a3", "a"},
        {"c@", ""},
        {"a2", "r b"},
        {"oauth_consumer_key", "9djdj82h48djs9d2"},
        {"oauth_token", "kkk9d7dh3k39sjv7"},
        {"oauth_signature_method", "HMAC-SHA1"},
        {"oauth_timestamp", "137131201"},
        {"oauth_nonce", "7d8f3e4a"},
        {"oauth_signature", "djosJKDKJSD8743243/jdk33klY="},
        {"c2", ""},
        {"a3", "2 q"},
    };
}

} // namespace

TEST(Oauth1, rfc5849NormalizedParameters_section3413_matchesExactly) {
    EXPECT_EQ(oauth1::normalizeParameters(rfc5849Section31Parameters()),
              "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2"
              "&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201"
              "&oauth_token=kkk9d7dh3k39sjv7");
}

TEST(Oauth1, rfc5849BaseString_section3411_matchesExactly) {
    EXPECT_EQ(oauth1::signatureBaseString(
                  "POST", "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
                  rfc5849Section31Parameters()),
              "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5"
              "%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_"
              "nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201"
              "%26oauth_token%3Dkkk9d7dh3k39sjv7");
}

TEST(Oauth1, rfc5849BaseStringUri_section3412_examples) {
    EXPECT_EQ(oauth1::baseStringUri("HTTP://EXAMPLE.COM:80/r%20v/X?id=123"),
              "http://example.com/r%20v/X");
    EXPECT_EQ(oauth1::baseStringUri("https://www.example.net:8080/?q=1"),
              "https://www.example.net:8080/");
}

TEST(Oauth1, baseStringUri_defaultHttpsPortAndMissingPath_areNormalised) {
    EXPECT_EQ(oauth1::baseStringUri("https://Usos.Example.EDU:443"), "https://usos.example.edu/");
    EXPECT_EQ(oauth1::baseStringUri("https://127.0.0.1:8443/services/cards/mcard#x"),
              "https://127.0.0.1:8443/services/cards/mcard");
    EXPECT_EQ(oauth1::baseStringUri("http://[::1]:80/a"), "http://[::1]/a");
    EXPECT_EQ(oauth1::baseStringUri("http://[::1]/a"), "http://[::1]/a");
    EXPECT_THROW(oauth1::baseStringUri("no-scheme/path"), std::invalid_argument);
}

TEST(Oauth1, rfc5849Section12PhotosRequest_hmacSha1_matchesRfcSignature) {
    const oauth1::Parameters parameters{
        {"file", "vacation.jpg"},
        {"size", "original"},
        {"oauth_consumer_key", "dpf43f3p2l4k3l03"},
        {"oauth_token", "nnch734d00sl2jdk"},
        {"oauth_signature_method", "HMAC-SHA1"},
        {"oauth_timestamp", "137131202"},
        {"oauth_nonce", "chapoH"},
    };
    const auto base = oauth1::signatureBaseString(
        "GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", parameters);
    EXPECT_EQ(oauth1::hmacSha1Signature(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"),
              "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
}

TEST(Oauth1, oauthCore10AppendixA52PhotosRequest_hmacSha1_matchesSpecSignature) {
    const oauth1::Parameters parameters{
        {"file", "vacation.jpg"},
        {"size", "original"},
        {"oauth_consumer_key", "dpf43f3p2l4k3l03"},
        {"oauth_token", "nnch734d00sl2jdk"},
        {"oauth_signature_method", "HMAC-SHA1"},
        {"oauth_timestamp", "1191242096"},
        {"oauth_nonce", "kllo9940pd9333jh"},
        {"oauth_version", "1.0"},
    };
    const auto base = oauth1::signatureBaseString(
        "GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", parameters);
    EXPECT_EQ(base, "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_"
                    "consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_"
                    "signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%"
                    "3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal");
    EXPECT_EQ(oauth1::hmacSha1Signature(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"),
              "tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
}

TEST(Oauth1, twitterDocsExample_postWithQueryAndBody_matchesPublishedSignature) {
    const oauth1::Parameters parameters{
        {"include_entities", "true"},
        {"status", "Hello Ladies + Gentlemen, a signed OAuth request!"},
        {"oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"},
        {"oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"},
        {"oauth_signature_method", "HMAC-SHA1"},
        {"oauth_timestamp", "1318622958"},
        {"oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"},
        {"oauth_version", "1.0"},
    };
    const auto base = oauth1::signatureBaseString(
        "post", "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
        parameters);
    EXPECT_EQ(base,
              "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%"
              "3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%"
              "3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%"
              "26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-"
              "GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%"
              "2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%"
              "2521");
    EXPECT_EQ(oauth1::hmacSha1Signature(base, "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                                        "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"),
              "hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
}

TEST(Oauth1, hmacSha1_emptyTokenSecret_usesConsumerSecretAndAmpersand) {
    // Two-legged (administrative key): the key is "secret&"; changing either part changes it.
    const auto a = oauth1::hmacSha1Signature("GET&x&y", "secret", "");
    EXPECT_NE(a, oauth1::hmacSha1Signature("GET&x&y", "secret", "t"));
    EXPECT_NE(a, oauth1::hmacSha1Signature("GET&x&y", "secreu", ""));
    EXPECT_EQ(a.size(), 28u);
}

TEST(Oauth1, percentEncode_reservedAndNonAscii_useUpperHexOfUtf8) {
    EXPECT_EQ(oauth1::percentEncode("a|b c~d+e"), "a%7Cb%20c~d%2Be");
    EXPECT_EQ(oauth1::percentEncode("Zażółć"), "Za%C5%BC%C3%B3%C5%82%C4%87");
    EXPECT_EQ(oauth1::percentEncode("Łódź"), "%C5%81%C3%B3d%C5%BA");
    EXPECT_EQ(oauth1::percentEncode("-._~AZaz09"), "-._~AZaz09");
    EXPECT_EQ(oauth1::percentEncode("*'()!=&%"), "%2A%27%28%29%21%3D%26%25");
    EXPECT_EQ(oauth1::percentEncode(""), "");
}

TEST(Oauth1, percentDecode_plusStaysPlusAndLowerHexAccepted) {
    EXPECT_EQ(oauth1::percentDecode("2+q"), "2+q");
    EXPECT_EQ(oauth1::percentDecode("a%7cb%20c~d%2Be"), "a|b c~d+e");
    EXPECT_EQ(oauth1::percentDecode("%C5%81%C3%B3d%C5%BA"), "Łódź");
    EXPECT_EQ(oauth1::percentDecode("100%"), "100%");
    EXPECT_EQ(oauth1::percentDecode("%zz%4"), "%zz%4");
}

TEST(Oauth1, percentEncodeThenDecode_anyByte_roundTrips) {
    std::string all;
    for (int c = 0; c < 256; ++c)
        all += static_cast<char>(c);
    EXPECT_EQ(oauth1::percentDecode(oauth1::percentEncode(all)), all);
}

TEST(Oauth1, authorizationHeader_encodesValuesAndParsesBack) {
    const oauth1::Parameters parameters{
        {"oauth_consumer_key", "key|with space"},
        {"oauth_signature", "tR3+Ty81lMeYAr/Fid0kMTYa/WM="},
    };
    const auto header = oauth1::authorizationHeader(parameters, "Photos");
    EXPECT_EQ(header, "OAuth realm=\"Photos\", oauth_consumer_key=\"key%7Cwith%20space\", "
                      "oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\"");
    EXPECT_EQ(oauth1::parseAuthorizationHeader(header), parameters);
    EXPECT_EQ(oauth1::authorizationHeader({{"oauth_nonce", "n"}}), "OAuth oauth_nonce=\"n\"");
}

TEST(Oauth1, parseAuthorizationHeader_rfcMultilineHeader_yieldsDecodedParameters) {
    const auto parsed = oauth1::parseAuthorizationHeader(
        "OAuth realm=\"Example\",\n"
        "               oauth_consumer_key=\"9djdj82h48djs9d2\",\r\n"
        "               oauth_signature=\"bYT5CMsGcbgUdFHObYMEfcx6bsw%3D\"");
    const oauth1::Parameters expected{{"oauth_consumer_key", "9djdj82h48djs9d2"},
                                      {"oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw="}};
    EXPECT_EQ(parsed, expected);
}

TEST(Oauth1, parseAuthorizationHeader_garbage_isEmpty) {
    EXPECT_TRUE(oauth1::parseAuthorizationHeader("").empty());
    EXPECT_TRUE(oauth1::parseAuthorizationHeader("Basic dXNlcjpwYXNz").empty());
    EXPECT_TRUE(oauth1::parseAuthorizationHeader("OAuth oauth_nonce=unquoted").empty());
    EXPECT_TRUE(oauth1::parseAuthorizationHeader("OAuth oauth_nonce=\"open").empty());
    EXPECT_TRUE(oauth1::parseAuthorizationHeader("OAuth a=\"1\" b=\"2\"").empty());
    EXPECT_TRUE(oauth1::parseAuthorizationHeader("OAuth =\"1\"").empty());
}

TEST(Oauth1, signRequest_fixedNonceAndTime_matchesIndependentlyComputedSignature) {
    // Expected value from Python's hmac/urllib over the same RFC 5849 base string.
    const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000)) +
                     std::chrono::milliseconds(750);
    const auto oauth =
        oauth1::signRequest("POST", "https://usos.example.edu/services/users/user",
                            {{"format", "json"}, {"fields", "id|first_name"}}, "usos key", "s3cr&t",
                            now, "00112233445566778899aabbccddeeff");
    const oauth1::Parameters expected{
        {"oauth_consumer_key", "usos key"},
        {"oauth_nonce", "00112233445566778899aabbccddeeff"},
        {"oauth_signature_method", "HMAC-SHA1"},
        {"oauth_timestamp", "1700000000"},
        {"oauth_version", "1.0"},
        {"oauth_signature", "TqbX/1fsQG7pJXI7lVv4gQw+TP4="},
    };
    EXPECT_EQ(oauth, expected);
}

TEST(Oauth1, signRequest_randomNonce_freshEachTimeAndSignatureVerifies) {
    const std::string url = "https://127.0.0.1:8443/services/apisrv/installation";
    const oauth1::Parameters query{{"format", "json"}};
    const auto now = std::chrono::system_clock::now();
    const auto first = oauth1::signRequest("GET", url, query, "key", "secret", now);
    const auto second = oauth1::signRequest("GET", url, query, "key", "secret", now);

    ASSERT_EQ(first.size(), 6u);
    ASSERT_EQ(first[1].first, "oauth_nonce");
    const std::string& nonce = first[1].second;
    EXPECT_EQ(nonce.size(), 32u);
    EXPECT_EQ(nonce.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(nonce, second[1].second);
    EXPECT_EQ(
        first[3].second,
        std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count()));

    ASSERT_EQ(first.back().first, "oauth_signature");
    oauth1::Parameters all = query;
    all.insert(all.end(), first.begin(), first.end() - 1);
    const auto base = oauth1::signatureBaseString("GET", url, all);
    EXPECT_EQ(oauth1::hmacSha1Signature(base, "secret", ""), first.back().second);
    EXPECT_NE(oauth1::hmacSha1Signature(base, "other", ""), first.back().second);
}

TEST(Oauth1, formEncode_percentEncodesNamesAndValuesInOrder) {
    EXPECT_EQ(
        oauth1::formEncode({{"format", "json"}, {"fields", "id|name"}, {"q", "a b+ł"}, {"e", ""}}),
        "format=json&fields=id%7Cname&q=a%20b%2B%C5%82&e=");
    EXPECT_EQ(oauth1::formEncode({}), "");
}
