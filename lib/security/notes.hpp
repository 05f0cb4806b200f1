#pragma once
// Admin notes are encrypted by ctl before they reach the database (libsodium secretbox:
// XSalsa20-Poly1305 with a random 24-byte nonce per note). The key is 32 bytes, given base64
// encoded in CTL_NOTES_KEY / config notes.key; its id (a hash prefix, not the key) is stored with
// each note so a note sealed with another key is recognised as such.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace ctl::security {

struct NotesKey {
    std::array<unsigned char, 32> bytes{};
    std::string id;  // "k" + 16 hex digits of BLAKE2b(key); safe to store and print
};

// Parses base64 (standard or URL-safe, padding optional) text of exactly 32 bytes.
// Throws ctl::UsageError otherwise (without echoing the value).
NotesKey parse_notes_key(std::string_view base64);

struct SealedNote {
    std::string nonce;       // 24 raw bytes
    std::string ciphertext;  // raw bytes: MAC + encrypted text
    std::string key_id;
};

SealedNote seal_note(const NotesKey& key, std::string_view plaintext);

// The plaintext, or nullopt when the note was not sealed with this key or was altered.
std::optional<std::string> open_note(const NotesKey& key, std::string_view nonce, std::string_view ciphertext);

// Hex of raw bytes ("\x..." is PostgreSQL's bytea input form), and back (nullopt on bad hex).
std::string to_hex(std::string_view bytes);
std::optional<std::string> from_hex(std::string_view hex);

}  // namespace ctl::security
