// Generated from openapi.json by `npm run client:generate`: do not edit.

export interface paths {
    "/v1/previews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the preview of a URL, creating it if needed. */
        get: operations["getPreview"];
        put?: never;
        /** Create (or get) the preview of a URL. */
        post: operations["createPreview"];
        /** Remove the preview of a URL (in a language, if given) and its pending callbacks; the next request fetches it anew. */
        delete: operations["purgePreviewByUrl"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/previews/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current state of a preview. */
        get: operations["getPreviewById"];
        put?: never;
        post?: never;
        /** Remove a preview and its pending callbacks; the next request for its URL fetches it anew. */
        delete: operations["purgePreview"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/previews/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow a preview as Server-Sent Events: a `status` event with the preview now and on each
         *     change, ending with the ready or failed one, after which the server closes the stream (close
         *     your EventSource then, or it reconnects). Comment lines are sent as heartbeats. A stream that
         *     cannot go on (the preview was purged, the database went away) ends with a `problem` event
         *     instead, its data a problem object as the error answers carry.
         */
        get: operations["getPreviewEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/previews/{id}/screenshot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The viewport screenshot of a rendered preview, taken when it was asked for with `screenshot=true`. */
        get: operations["getPreviewScreenshot"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for the previews of many URLs at once; follow the batch's progress at its Location. */
        post: operations["createBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A batch's progress and each of its previews. */
        get: operations["getBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Stable code: branch on this, never on the title or detail.
         * @enum {string}
         */
        ProblemCode: "INVALID_URL" | "URL_SCHEME_NOT_ALLOWED" | "URL_TOO_LONG" | "URL_CREDENTIALS_NOT_ALLOWED" | "VALIDATION_FAILED" | "MALFORMED_REQUEST" | "PAYLOAD_TOO_LARGE" | "URI_TOO_LONG" | "HEADERS_TOO_LARGE" | "REQUEST_TIMEOUT" | "PREVIEW_NOT_FOUND" | "SCREENSHOT_NOT_FOUND" | "BATCH_NOT_FOUND" | "BATCH_TOO_LARGE" | "INVALID_BATCH" | "NOT_FOUND" | "METHOD_NOT_ALLOWED" | "UNSUPPORTED_MEDIA_TYPE" | "QUEUE_UNAVAILABLE" | "DATABASE_UNAVAILABLE" | "OVERLOADED" | "NOT_READY" | "UNAUTHORIZED" | "FORBIDDEN" | "RATE_LIMITED" | "WEBHOOKS_DISABLED" | "CALLBACK_URL_NOT_ALLOWED" | "SITE_DENIED" | "INTERNAL";
        ProblemDto: {
            /**
             * @description Stable code: branch on this, never on the title or detail.
             * @example INVALID_URL
             */
            code: components["schemas"]["ProblemCode"];
            /** @description VALIDATION_FAILED: one message per bad field; INVALID_BATCH: `{ index, code, detail }` per bad URL. */
            errors?: unknown[];
            /**
             * @description A URI naming the problem type, derived from the code.
             * @example https://unfurl.dev/problems/invalid-url
             */
            type: string;
            /** @description The code's short, fixed title. */
            title: string;
            /**
             * @description The HTTP status of the answer.
             * @example 400
             */
            status: number;
            /**
             * @description What went wrong with this request, for people.
             * @example not an absolute URL
             */
            detail?: string;
            instance?: string;
        };
        Media: {
            /** @description Absolute URL. */
            url: string;
            width?: number;
            height?: number;
            /** @description MIME type, when the page states it. */
            type?: string;
            alt?: string;
        };
        OEmbed: {
            /** @description photo, video, link or rich. */
            type: string;
            version?: string;
            title?: string;
            author_name?: string;
            author_url?: string;
            provider_name?: string;
            provider_url?: string;
            thumbnail_url?: string;
            thumbnail_width?: number;
            thumbnail_height?: number;
            /** @description Embed HTML from the provider: render it sandboxed. */
            html?: string;
            width?: number | null;
            height?: number | null;
            url?: string;
        };
        RenderFailure: {
            /** @example UPSTREAM_TIMEOUT */
            code: string;
            message: string;
        };
        ScreenshotLink: {
            /** @description Path of the image on this API: `/v1/previews/{id}/screenshot`. */
            url: string;
            width: number;
            height: number;
        };
        PreviewMetadata: {
            title: string | null;
            description: string | null;
            image: components["schemas"]["Media"] | null;
            /** @description Canonical URL of the page (canonical link, og:url, or the final URL). */
            url: string;
            /** @description URL the page was served from, after redirects. */
            finalUrl: string;
            siteName: string | null;
            publisher: string | null;
            author: string | null;
            /** @description ISO 8601. */
            publishedAt: string | null;
            /** @description ISO 8601. */
            modifiedAt: string | null;
            /** @description BCP 47 language tag. */
            lang: string | null;
            /** @description og:type or the JSON-LD @type, lower-cased (article, website, video.other, product, ...). */
            type: string | null;
            images: components["schemas"]["Media"][];
            logo: components["schemas"]["Media"] | null;
            video: components["schemas"]["Media"] | null;
            audio: components["schemas"]["Media"] | null;
            themeColor: string | null;
            oembed: components["schemas"]["OEmbed"] | null;
            /** @description MIME type the page was served with, without parameters. */
            contentType: string | null;
            /**
             * @description `static`: read from the HTML as served; `rendered`: read after its scripts ran in headless Chromium.
             * @enum {string}
             */
            fetchMode?: "static" | "rendered";
            /** @description Why a wanted render did not happen (it failed or timed out): the static read is shown instead. */
            renderError?: components["schemas"]["RenderFailure"];
            /** @description The screenshot of the rendered page, when one was asked for (`screenshot=true`). */
            screenshot?: components["schemas"]["ScreenshotLink"];
        };
        PreviewErrorDto: {
            /**
             * @description Stable code, one of a closed set: UPSTREAM_TIMEOUT, UPSTREAM_UNREACHABLE, UPSTREAM_HTTP_<4xx|5xx status>,
             *     TOO_MANY_REDIRECTS, BLOCKED_ADDRESS, BLOCKED_URL, BLOCKED_PORT, TOO_LARGE, UNSUPPORTED_CONTENT,
             *     EXTRACTION_FAILED, EXTRACTION_TIMEOUT, SITE_DENIED, ROBOTS_DISALLOWED, HOST_UNAVAILABLE, INTERNAL
             *     (`data.renderError` also uses RENDER_UNAVAILABLE: the render job could not be queued)
             * @example UPSTREAM_HTTP_404
             */
            code: string;
            message: string;
        };
        PreviewDto: {
            /** @description Derived from the normalised URL: the same URL always has the same id. */
            id: string;
            /** @description The normalised URL. */
            url: string;
            /** @enum {string} */
            status: "pending" | "ready" | "failed";
            data: components["schemas"]["PreviewMetadata"] | null;
            error: components["schemas"]["PreviewErrorDto"] | null;
            /** @description ISO 8601; when the page was last fetched. */
            fetchedAt: string | null;
            /** @description ISO 8601; after this the preview is refreshed (ready) or retried (failed). */
            expiresAt: string | null;
        };
        PreviewRequestDto: {
            /**
             * @description Whether the page is read in a headless browser, for pages whose scripts write their title and
             *     tags: `auto` renders it only when the static page looks like a script shell, `always` renders
             *     every HTML page, `never` reads statically. Absent: the host's site rule, else `auto`. Applies
             *     when the page is fetched (a new preview, a refresh, a retry, `force`), not to a stored preview.
             * @example auto
             * @enum {string}
             */
            render?: "auto" | "always" | "never";
            /**
             * @description The page to preview: an absolute http(s) URL.
             * @example https://example.com/article
             */
            url: string;
            /**
             * @description Milliseconds to hold the request until the preview is ready (capped by the server's WAIT_MAX_MS);
             *     0 or absent answers at once, with 202 while the preview is pending.
             * @example 5000
             */
            wait?: number;
            /**
             * @description Fetch the page again now, even if the stored preview is fresh (Unfurl-Cache: BYPASS with `wait`,
             *     STALE without). At most once per FORCE_MIN_INTERVAL_SECONDS per preview: within that interval the
             *     stored preview is served, with Unfurl-Force: refused.
             * @example true
             */
            force?: boolean;
            /**
             * @description Seconds: a stored preview fetched longer ago than this is fetched again, before answering with
             *     `wait` (Unfurl-Cache: REFRESH), or while the stored one is answered without it (STALE).
             * @example 3600
             */
            maxAge?: number;
            /**
             * @description An http(s) URL to POST the preview to once it is ready or failed (at once if it already is),
             *     signed with the Unfurl-Signature header. Needs WEBHOOK_SECRET on the server.
             * @example https://example.com/hooks/unfurl
             */
            callbackUrl?: string;
            /**
             * @description Also keep a viewport screenshot of the rendered page (at most 1200x630), served at
             *     `data.screenshot.url`. Needs the renderer; not taken with `render=never`.
             * @example true
             */
            screenshot?: boolean;
            /**
             * @description BCP 47 language tag, sent to the site as Accept-Language. Part of the preview's identity: the
             *     same URL in two languages is two previews. Absent: no Accept-Language, the preview every caller
             *     without `lang` shares.
             * @example fr-CH
             */
            lang?: string;
        };
        CreateBatchDto: {
            /**
             * @description The pages to preview, absolute http(s) URLs; at most the server's BATCH_MAX_URLS (default 100).
             *     If any is invalid, the whole batch is refused with a 400 problem listing each bad index.
             * @example [
             *       "https://example.com/a",
             *       "https://example.com/b"
             *     ]
             */
            urls: string[];
            /**
             * @description BCP 47 language tag, sent to the site as Accept-Language. Part of the preview's identity: the
             *     same URL in two languages is two previews. Absent: no Accept-Language, the preview every caller
             *     without `lang` shares.
             * @example fr-CH
             */
            lang?: string;
        };
        BatchItemDto: {
            /** @description Index of the URL in the request, from 0. */
            position: number;
            /** @description The URL as it was sent. */
            url: string;
            /** @description Its preview (the same id for every spelling of one URL); null only if the preview was purged. */
            preview: components["schemas"]["PreviewDto"] | null;
        };
        BatchDto: {
            /** @description UUID. */
            id: string;
            /** @description ISO 8601. */
            createdAt: string;
            total: number;
            pending: number;
            ready: number;
            failed: number;
            items: components["schemas"]["BatchItemDto"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getPreview: {
        parameters: {
            query: {
                /**
                 * @description Whether the page is read in a headless browser, for pages whose scripts write their title and
                 *     tags: `auto` renders it only when the static page looks like a script shell, `always` renders
                 *     every HTML page, `never` reads statically. Absent: the host's site rule, else `auto`. Applies
                 *     when the page is fetched (a new preview, a refresh, a retry, `force`), not to a stored preview.
                 */
                render?: "auto" | "always" | "never";
                /** @description The page to preview: an absolute http(s) URL. */
                url: string;
                /**
                 * @description Milliseconds to hold the request until the preview is ready (capped by the server's WAIT_MAX_MS);
                 *     0 or absent answers at once, with 202 while the preview is pending.
                 */
                wait?: number;
                /**
                 * @description Fetch the page again now, even if the stored preview is fresh (Unfurl-Cache: BYPASS with `wait`,
                 *     STALE without). At most once per FORCE_MIN_INTERVAL_SECONDS per preview: within that interval the
                 *     stored preview is served, with Unfurl-Force: refused.
                 */
                force?: boolean;
                /**
                 * @description Seconds: a stored preview fetched longer ago than this is fetched again, before answering with
                 *     `wait` (Unfurl-Cache: REFRESH), or while the stored one is answered without it (STALE).
                 */
                maxAge?: number;
                /**
                 * @description An http(s) URL to POST the preview to once it is ready or failed (at once if it already is),
                 *     signed with the Unfurl-Signature header. Needs WEBHOOK_SECRET on the server.
                 */
                callbackUrl?: string;
                /**
                 * @description Also keep a viewport screenshot of the rendered page (at most 1200x630), served at
                 *     `data.screenshot.url`. Needs the renderer; not taken with `render=never`.
                 */
                screenshot?: boolean;
                /**
                 * @description BCP 47 language tag, sent to the site as Accept-Language. Part of the preview's identity: the
                 *     same URL in two languages is two previews. Absent: no Accept-Language, the preview every caller
                 *     without `lang` shares.
                 */
                lang?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preview is ready or failed. */
            200: {
                headers: {
                    /** @description How the answer relates to the cache: HIT (stored, current), STALE (stored, expired or older than maxAge or forced; a refresh runs), MISS (nothing usable stored; fetched for this request or being fetched), REFRESH (older than maxAge, fetched again before answering), BYPASS (force=true, fetched again before answering). */
                    "Unfurl-Cache"?: "HIT" | "STALE" | "MISS" | "REFRESH" | "BYPASS";
                    /** @description Seconds since the page was fetched (0 while it has not been). */
                    Age?: number;
                    /** @description Present as `refused` when force=true was not honoured: the preview was fetched less than FORCE_MIN_INTERVAL_SECONDS ago and is served as it is. */
                    "Unfurl-Force"?: "refused";
                    /** @description Changes with the preview; send it back in If-None-Match for a 304. */
                    ETag?: string;
                    /** @description no-store while pending; public, max-age until it expires (capped by CACHE_MAX_AGE_SECONDS). */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                };
            };
            /** @description The preview is pending: poll the Location, after Retry-After seconds. */
            202: {
                headers: {
                    /** @description How the answer relates to the cache: HIT (stored, current), STALE (stored, expired or older than maxAge or forced; a refresh runs), MISS (nothing usable stored; fetched for this request or being fetched), REFRESH (older than maxAge, fetched again before answering), BYPASS (force=true, fetched again before answering). */
                    "Unfurl-Cache"?: "HIT" | "STALE" | "MISS" | "REFRESH" | "BYPASS";
                    /** @description Seconds since the page was fetched (0 while it has not been). */
                    Age?: number;
                    /** @description Present as `refused` when force=true was not honoured: the preview was fetched less than FORCE_MIN_INTERVAL_SECONDS ago and is served as it is. */
                    "Unfurl-Force"?: "refused";
                    /** @description Where to poll the preview. */
                    Location?: string;
                    /** @description Seconds to wait before polling. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                };
            };
            /** @description Problem: INVALID_URL (Invalid URL), URL_SCHEME_NOT_ALLOWED (URL scheme not allowed), URL_TOO_LONG (URL too long), URL_CREDENTIALS_NOT_ALLOWED (URL credentials not allowed), VALIDATION_FAILED (Bad request), WEBHOOKS_DISABLED (Webhooks disabled), CALLBACK_URL_NOT_ALLOWED (Callback URL not allowed). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: UNAUTHORIZED (Unauthorized). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: SITE_DENIED (Site denied). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: PREVIEW_NOT_FOUND (Preview not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: URI_TOO_LONG (URI too long). */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: RATE_LIMITED (Too many requests). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: INTERNAL (Internal server error). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: QUEUE_UNAVAILABLE (Queue unavailable), OVERLOADED (Overloaded), DATABASE_UNAVAILABLE (Database unavailable). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createPreview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreviewRequestDto"];
            };
        };
        responses: {
            /** @description The preview is ready or failed. */
            200: {
                headers: {
                    /** @description How the answer relates to the cache: HIT (stored, current), STALE (stored, expired or older than maxAge or forced; a refresh runs), MISS (nothing usable stored; fetched for this request or being fetched), REFRESH (older than maxAge, fetched again before answering), BYPASS (force=true, fetched again before answering). */
                    "Unfurl-Cache"?: "HIT" | "STALE" | "MISS" | "REFRESH" | "BYPASS";
                    /** @description Seconds since the page was fetched (0 while it has not been). */
                    Age?: number;
                    /** @description Present as `refused` when force=true was not honoured: the preview was fetched less than FORCE_MIN_INTERVAL_SECONDS ago and is served as it is. */
                    "Unfurl-Force"?: "refused";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                };
            };
            /** @description The preview is pending: poll the Location, after Retry-After seconds. */
            202: {
                headers: {
                    /** @description How the answer relates to the cache: HIT (stored, current), STALE (stored, expired or older than maxAge or forced; a refresh runs), MISS (nothing usable stored; fetched for this request or being fetched), REFRESH (older than maxAge, fetched again before answering), BYPASS (force=true, fetched again before answering). */
                    "Unfurl-Cache"?: "HIT" | "STALE" | "MISS" | "REFRESH" | "BYPASS";
                    /** @description Seconds since the page was fetched (0 while it has not been). */
                    Age?: number;
                    /** @description Present as `refused` when force=true was not honoured: the preview was fetched less than FORCE_MIN_INTERVAL_SECONDS ago and is served as it is. */
                    "Unfurl-Force"?: "refused";
                    /** @description Where to poll the preview. */
                    Location?: string;
                    /** @description Seconds to wait before polling. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                };
            };
            /** @description Problem: INVALID_URL (Invalid URL), URL_SCHEME_NOT_ALLOWED (URL scheme not allowed), URL_TOO_LONG (URL too long), URL_CREDENTIALS_NOT_ALLOWED (URL credentials not allowed), VALIDATION_FAILED (Bad request), WEBHOOKS_DISABLED (Webhooks disabled), CALLBACK_URL_NOT_ALLOWED (Callback URL not allowed), MALFORMED_REQUEST (Malformed request). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: UNAUTHORIZED (Unauthorized). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: SITE_DENIED (Site denied). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: PREVIEW_NOT_FOUND (Preview not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE (Payload too large). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE (Unsupported media type). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: RATE_LIMITED (Too many requests). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: INTERNAL (Internal server error). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: QUEUE_UNAVAILABLE (Queue unavailable), OVERLOADED (Overloaded), DATABASE_UNAVAILABLE (Database unavailable). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    purgePreviewByUrl: {
        parameters: {
            query: {
                /** @description The URL whose preview to remove, as it was asked for (it is normalised the same way). */
                url: string;
                /**
                 * @description BCP 47 language tag, sent to the site as Accept-Language. Part of the preview's identity: the
                 *     same URL in two languages is two previews. Absent: no Accept-Language, the preview every caller
                 *     without `lang` shares.
                 */
                lang?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preview is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: INVALID_URL (Invalid URL), URL_SCHEME_NOT_ALLOWED (URL scheme not allowed), URL_TOO_LONG (URL too long), URL_CREDENTIALS_NOT_ALLOWED (URL credentials not allowed), VALIDATION_FAILED (Bad request). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: UNAUTHORIZED (Unauthorized). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: FORBIDDEN (Forbidden). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: PREVIEW_NOT_FOUND (Preview not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: RATE_LIMITED (Too many requests). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: INTERNAL (Internal server error). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: OVERLOADED (Overloaded), DATABASE_UNAVAILABLE (Database unavailable). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getPreviewById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preview is ready or failed. */
            200: {
                headers: {
                    /** @description How the answer relates to the cache: HIT (stored, current), STALE (stored, expired or older than maxAge or forced; a refresh runs), MISS (nothing usable stored; fetched for this request or being fetched), REFRESH (older than maxAge, fetched again before answering), BYPASS (force=true, fetched again before answering). */
                    "Unfurl-Cache"?: "HIT" | "STALE" | "MISS" | "REFRESH" | "BYPASS";
                    /** @description Seconds since the page was fetched (0 while it has not been). */
                    Age?: number;
                    /** @description Present as `refused` when force=true was not honoured: the preview was fetched less than FORCE_MIN_INTERVAL_SECONDS ago and is served as it is. */
                    "Unfurl-Force"?: "refused";
                    /** @description Changes with the preview; send it back in If-None-Match for a 304. */
                    ETag?: string;
                    /** @description no-store while pending; public, max-age until it expires (capped by CACHE_MAX_AGE_SECONDS). */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                };
            };
            /** @description The preview is pending: poll again after Retry-After seconds. */
            202: {
                headers: {
                    /** @description How the answer relates to the cache: HIT (stored, current), STALE (stored, expired or older than maxAge or forced; a refresh runs), MISS (nothing usable stored; fetched for this request or being fetched), REFRESH (older than maxAge, fetched again before answering), BYPASS (force=true, fetched again before answering). */
                    "Unfurl-Cache"?: "HIT" | "STALE" | "MISS" | "REFRESH" | "BYPASS";
                    /** @description Seconds since the page was fetched (0 while it has not been). */
                    Age?: number;
                    /** @description Present as `refused` when force=true was not honoured: the preview was fetched less than FORCE_MIN_INTERVAL_SECONDS ago and is served as it is. */
                    "Unfurl-Force"?: "refused";
                    /** @description Where to poll the preview. */
                    Location?: string;
                    /** @description Seconds to wait before polling. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                };
            };
            /** @description Problem: UNAUTHORIZED (Unauthorized). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: PREVIEW_NOT_FOUND (Preview not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: RATE_LIMITED (Too many requests). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: INTERNAL (Internal server error). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: OVERLOADED (Overloaded), DATABASE_UNAVAILABLE (Database unavailable). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    purgePreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preview is gone. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: UNAUTHORIZED (Unauthorized). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: FORBIDDEN (Forbidden). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: PREVIEW_NOT_FOUND (Preview not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: RATE_LIMITED (Too many requests). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: INTERNAL (Internal server error). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: OVERLOADED (Overloaded), DATABASE_UNAVAILABLE (Database unavailable). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getPreviewEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `event: status` with `data:` a Preview as JSON, until it is ready or failed; or, last, `event: problem` with a problem object. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Problem: UNAUTHORIZED (Unauthorized). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: PREVIEW_NOT_FOUND (Preview not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: RATE_LIMITED (Too many requests). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: INTERNAL (Internal server error). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: OVERLOADED (Overloaded), DATABASE_UNAVAILABLE (Database unavailable). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getPreviewScreenshot: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image (WebP or JPEG, at most 1200x630). */
            200: {
                headers: {
                    /** @description A hash of the image; send it back in If-None-Match for a 304. */
                    ETag?: string;
                    /** @description public, max-age=CACHE_MAX_AGE_SECONDS; revalidate with the ETag. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/webp": string;
                    "image/jpeg": string;
                };
            };
            /** @description Problem: UNAUTHORIZED (Unauthorized). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: SCREENSHOT_NOT_FOUND (Screenshot not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: RATE_LIMITED (Too many requests). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: INTERNAL (Internal server error). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: OVERLOADED (Overloaded), DATABASE_UNAVAILABLE (Database unavailable). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    createBatch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBatchDto"];
            };
        };
        responses: {
            /** @description Every URL has a preview (pending, or already ready or failed); poll the Location for progress. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"];
                };
            };
            /** @description Problem: VALIDATION_FAILED (Bad request), BATCH_TOO_LARGE (Batch too large), INVALID_BATCH (Invalid URLs in batch), MALFORMED_REQUEST (Malformed request). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: UNAUTHORIZED (Unauthorized). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: PAYLOAD_TOO_LARGE (Payload too large). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: UNSUPPORTED_MEDIA_TYPE (Unsupported media type). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: RATE_LIMITED (Too many requests). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: INTERNAL (Internal server error). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: QUEUE_UNAVAILABLE (Queue unavailable), OVERLOADED (Overloaded), DATABASE_UNAVAILABLE (Database unavailable). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    getBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDto"];
                };
            };
            /** @description Problem: UNAUTHORIZED (Unauthorized). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: BATCH_NOT_FOUND (Batch not found). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: RATE_LIMITED (Too many requests). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: INTERNAL (Internal server error). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem: OVERLOADED (Overloaded), DATABASE_UNAVAILABLE (Database unavailable). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
}
