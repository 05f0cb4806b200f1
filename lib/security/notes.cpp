#include "security/notes.hpp"

#include "util/error.hpp"

#include <sodium.h>

#include <stdexcept>

namespace ctl::security {

namespace {

void init_sodium() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::optional<std::string> decode_base64(std::string_view text, int variant) {
    std::string out(text.size(), '\0');
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          " \t\r\n", &len, &end, variant) != 0 ||
        end != text.data() + text.size())
        return std::nullopt;
    out.resize(len);
    return out;
}

}  // namespace

NotesKey parse_notes_key(std::string_view base64) {
    init_sodium();
    while (!base64.empty() && (base64.back() == '\n' || base64.back() == ' ')) base64.remove_suffix(1);
    std::optional<std::string> raw;
    for (int variant : {sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
                        sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING}) {
        raw = decode_base64(base64, variant);
        if (raw) break;
    }
    if (!raw || raw->size() != crypto_secretbox_KEYBYTES)
        throw UsageError("the notes key is not 32 bytes of base64",
                         "set CTL_NOTES_KEY (or notes.key) to e.g. the output of: head -c32 /dev/urandom | base64");
    NotesKey key;
    std::copy(raw->begin(), raw->end(), key.bytes.begin());
    unsigned char digest[8];
    crypto_generichash(digest, sizeof digest, key.bytes.data(), key.bytes.size(), nullptr, 0);
    key.id = "k" + to_hex({reinterpret_cast<const char*>(digest), sizeof digest});
    return key;
}

SealedNote seal_note(const NotesKey& key, std::string_view plaintext) {
    init_sodium();
    SealedNote note;
    note.key_id = key.id;
    note.nonce.resize(crypto_secretbox_NONCEBYTES);
    randombytes_buf(note.nonce.data(), note.nonce.size());
    note.ciphertext.resize(plaintext.size() + crypto_secretbox_MACBYTES);
    crypto_secretbox_easy(reinterpret_cast<unsigned char*>(note.ciphertext.data()),
                          reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                          reinterpret_cast<const unsigned char*>(note.nonce.data()), key.bytes.data());
    return note;
}

std::optional<std::string> open_note(const NotesKey& key, std::string_view nonce, std::string_view ciphertext) {
    init_sodium();
    if (nonce.size() != crypto_secretbox_NONCEBYTES || ciphertext.size() < crypto_secretbox_MACBYTES)
        return std::nullopt;
    std::string plain(ciphertext.size() - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   reinterpret_cast<const unsigned char*>(ciphertext.data()), ciphertext.size(),
                                   reinterpret_cast<const unsigned char*>(nonce.data()), key.bytes.data()) != 0)
        return std::nullopt;
    return plain;
}

std::string to_hex(std::string_view bytes) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char ch : bytes) {
        auto b = static_cast<unsigned char>(ch);
        out += hex[b >> 4];
        out += hex[b & 0x0f];
    }
    return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

}  // namespace ctl::security
