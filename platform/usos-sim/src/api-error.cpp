#include "els/platform/usossim/api-error.hpp"

namespace els::platform::usossim {

QJsonObject LangDict::toJson() const {
    return {{"pl", QString::fromStdString(pl)}, {"en", QString::fromStdString(en)}};
}

ApiError::ApiError(int httpStatus, std::string code, const std::string& message)
    : std::runtime_error(message), httpStatus_(httpStatus), code_(std::move(code)) {}

ApiError& ApiError::withParam(std::string name) {
    paramName_ = std::move(name);
    return *this;
}

ApiError& ApiError::withField(std::string name) {
    fieldName_ = std::move(name);
    return *this;
}

ApiError& ApiError::withMethod(std::string_view method) {
    methodName_ = std::string(method);
    return *this;
}

ApiError& ApiError::withUserMessage(LangDict text) {
    userMessage_ = std::move(text);
    return *this;
}

QJsonObject ApiError::toJson() const {
    QJsonObject body{{"message", QString::fromStdString(what())},
                     {"error", QString::fromStdString(code_)}};
    if (!paramName_.empty())
        body.insert("param_name", QString::fromStdString(paramName_));
    if (!fieldName_.empty())
        body.insert("field_name", QString::fromStdString(fieldName_));
    if (!methodName_.empty())
        body.insert("method_name", QString::fromStdString(methodName_));
    if (userMessage_)
        body.insert("user_messages", QJsonObject{{"generic_message", userMessage_->toJson()}});
    return body;
}

} // namespace els::platform::usossim
