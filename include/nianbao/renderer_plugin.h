/*
 * nianbao renderer plugin ABI, version 1.
 *
 * A renderer plugin is a shared library that exports one C function,
 * NIANBAO_RENDERER_ENTRY ("nianbao_renderer_plugin"), returning a pointer to
 * a static descriptor. The host (renderers/plugin_loader.h) dlopens every
 * library in its plugin directories, checks abi_version and struct_size
 * before touching anything else, and registers the plugin under its name
 * (renderers/plugin_registry.h). docs/plugins.md shows how to write one.
 *
 * Only C types cross this boundary, so a plugin built with another compiler,
 * C++ standard library, protobuf version or language still loads. The input
 * is a serialized nianbao.v1.RenderRequest (proto/nianbao/v1/render.proto):
 * the report, the Document built from it, and options. The output is bytes
 * allocated by the plugin and released by the plugin's own free_output.
 *
 * Rules for plugins:
 *  - render() may be called from several threads at once.
 *  - Nothing may unwind across the boundary: catch every C++ exception and
 *    report it as an error.
 *  - The descriptor and its strings stay valid until the library is unloaded.
 *
 * Versioning: abi_version is the major version; the host refuses any other.
 * Within one major version fields may only be appended to the descriptor, so
 * the host accepts struct_size >= the size it knows and reads only the
 * fields it knows, and refuses a smaller struct_size.
 */
#ifndef NIANBAO_RENDERER_PLUGIN_H_
#define NIANBAO_RENDERER_PLUGIN_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version this header describes. Bump on incompatible change. */
#define NIANBAO_RENDERER_ABI_VERSION 1u

/* The name of the one exported entry function. */
#define NIANBAO_RENDERER_ENTRY "nianbao_renderer_plugin"

/* Marks the entry function exported when the plugin is built with
 * -fvisibility=hidden (recommended: only the entry symbol need be visible). */
#if defined(_WIN32)
#define NIANBAO_RENDERER_EXPORT __declspec(dllexport)
#else
#define NIANBAO_RENDERER_EXPORT __attribute__((visibility("default")))
#endif

/* The result of one render. Filled by render(), released by free_output(). */
typedef struct NianbaoRenderOutput {
  /* Output bytes (e.g. the PDF file). NULL on error. */
  uint8_t* data;
  /* Number of bytes at data. */
  size_t size;
  /* On error: a NUL-terminated UTF-8 message for people; otherwise NULL. */
  char* error;
} NianbaoRenderOutput;

/* What a plugin is and does. */
typedef struct NianbaoRendererPlugin {
  /* Must be NIANBAO_RENDERER_ABI_VERSION as the plugin was compiled. */
  uint32_t abi_version;
  /* sizeof(NianbaoRendererPlugin) as the plugin was compiled. */
  uint32_t struct_size;
  /* Format name, unique among plugins: lowercase ASCII letters, digits, '-'
   * or '_', e.g. "pdf". Callers select the plugin by it. */
  const char* name;
  /* The plugin's own version, e.g. "1.0.0". */
  const char* version;
  /* One line for people, e.g. "PDF for publication and archiving". */
  const char* description;
  /* MIME type of the output, e.g. "application/pdf". */
  const char* mime_type;
  /* File extension of the output without the dot, e.g. "pdf". */
  const char* file_extension;
  /* Renders the serialized nianbao.v1.RenderRequest at request[0..size).
   * Returns 0 and sets out->data/out->size on success; returns non-zero and
   * sets out->error on failure. `out` arrives zeroed. Thread-safe. */
  int (*render)(const uint8_t* request, size_t request_size, NianbaoRenderOutput* out);
  /* Releases whatever render() put in *out (data and error). */
  void (*free_output)(NianbaoRenderOutput* out);
} NianbaoRendererPlugin;

/* The signature of the entry function. */
typedef const NianbaoRendererPlugin* (*NianbaoRendererEntryFn)(void);

/* The entry function every plugin defines, e.g.
 *   NIANBAO_RENDERER_EXPORT const NianbaoRendererPlugin* nianbao_renderer_plugin(void) {
 *     return &kDescriptor;
 *   }
 * Declared here so that a definition with the wrong signature fails to
 * compile. It may be called more than once and must return the same pointer. */
NIANBAO_RENDERER_EXPORT const NianbaoRendererPlugin* nianbao_renderer_plugin(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* NIANBAO_RENDERER_PLUGIN_H_ */
