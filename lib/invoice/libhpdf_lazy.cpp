// libharu, loaded on first use (see util/lazy_library.hpp): only invoice PDFs need it, and with
// libpng and zlib it would cost every other command its loading. Every libharu function ctl calls.

#include "util/lazy_library.hpp"

#include <hpdf.h>

namespace {
ctl::util::LazyLibrary libhpdf("libhpdf-2.3.0.so", "libhpdf-2.3.0");
}

// clang-format off
CTL_LAZY(libhpdf, HPDF_Page, HPDF_AddPage, (HPDF_Doc pdf), (pdf))
CTL_LAZY(libhpdf, void, HPDF_Free, (HPDF_Doc pdf), (pdf))
CTL_LAZY(libhpdf, HPDF_Font, HPDF_GetFont, (HPDF_Doc pdf, const char *font_name, const char *encoding_name), (pdf, font_name, encoding_name))
CTL_LAZY(libhpdf, const char*, HPDF_LoadTTFontFromFile, (HPDF_Doc pdf, const char *file_name, HPDF_BOOL embedding), (pdf, file_name, embedding))
CTL_LAZY(libhpdf, HPDF_Doc, HPDF_New, (HPDF_Error_Handler user_error_fn, void *user_data), (user_error_fn, user_data))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_Page_BeginText, (HPDF_Page page), (page))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_Page_EndText, (HPDF_Page page), (page))
CTL_LAZY(libhpdf, HPDF_REAL, HPDF_Page_GetHeight, (HPDF_Page page), (page))
CTL_LAZY(libhpdf, HPDF_REAL, HPDF_Page_GetWidth, (HPDF_Page page), (page))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_Page_LineTo, (HPDF_Page page, HPDF_REAL x, HPDF_REAL y), (page, x, y))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_Page_MoveTo, (HPDF_Page page, HPDF_REAL x, HPDF_REAL y), (page, x, y))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_Page_SetFontAndSize, (HPDF_Page page, HPDF_Font font, HPDF_REAL size), (page, font, size))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_Page_SetLineWidth, (HPDF_Page page, HPDF_REAL line_width), (page, line_width))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_Page_SetSize, (HPDF_Page page, HPDF_PageSizes size, HPDF_PageDirection direction), (page, size, direction))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_Page_Stroke, (HPDF_Page page), (page))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_Page_TextOut, (HPDF_Page page, HPDF_REAL xpos, HPDF_REAL ypos, const char *text), (page, xpos, ypos, text))
CTL_LAZY(libhpdf, HPDF_REAL, HPDF_Page_TextWidth, (HPDF_Page page, const char *text), (page, text))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_ReadFromStream, (HPDF_Doc pdf, HPDF_BYTE *buf, HPDF_UINT32 *size), (pdf, buf, size))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_ResetStream, (HPDF_Doc pdf), (pdf))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_SaveToStream, (HPDF_Doc pdf), (pdf))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_SetCompressionMode, (HPDF_Doc pdf, HPDF_UINT mode), (pdf, mode))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_SetInfoAttr, (HPDF_Doc pdf, HPDF_InfoType type, const char *value), (pdf, type, value))
CTL_LAZY(libhpdf, HPDF_STATUS, HPDF_UseUTFEncodings, (HPDF_Doc pdf), (pdf))
// clang-format on
