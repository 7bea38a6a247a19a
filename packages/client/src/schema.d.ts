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
        delete?: never;
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
        delete?: never;
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
         *     your EventSource then, or it reconnects). Comment lines are sent as heartbeats.
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
        MediaDto: {
            /** @description Absolute URL. */
            url: string;
            width?: number;
            height?: number;
            /** @description MIME type, when the page states it. */
            type?: string;
            alt?: string;
        };
        OEmbedDto: {
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
        PreviewMetadataDto: {
            /** @description Canonical URL of the page. */
            url: string;
            /** @description URL the page was served from, after redirects. */
            finalUrl: string;
            title: string | null;
            description: string | null;
            siteName: string | null;
            publisher: string | null;
            author: string | null;
            /** @description ISO 8601. */
            publishedAt: string | null;
            /** @description ISO 8601. */
            modifiedAt: string | null;
            /** @description BCP 47 language tag. */
            lang: string | null;
            /** @description article, website, video.other, product, image, ... */
            type: string | null;
            image: components["schemas"]["MediaDto"] | null;
            images: components["schemas"]["MediaDto"][];
            logo: components["schemas"]["MediaDto"] | null;
            video: components["schemas"]["MediaDto"] | null;
            audio: components["schemas"]["MediaDto"] | null;
            themeColor: string | null;
            oembed: components["schemas"]["OEmbedDto"] | null;
            /** @description MIME type the page was served with. */
            contentType: string | null;
        };
        PreviewErrorDto: {
            /**
             * @description Stable code, one of a closed set: UPSTREAM_TIMEOUT, UPSTREAM_UNREACHABLE, UPSTREAM_HTTP_<4xx|5xx status>,
             *     TOO_MANY_REDIRECTS, BLOCKED_ADDRESS, BLOCKED_URL, BLOCKED_PORT, TOO_LARGE, UNSUPPORTED_CONTENT,
             *     EXTRACTION_FAILED, EXTRACTION_TIMEOUT, SITE_DENIED, ROBOTS_DISALLOWED, HOST_UNAVAILABLE, INTERNAL
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
            data: components["schemas"]["PreviewMetadataDto"] | null;
            error: components["schemas"]["PreviewErrorDto"] | null;
            /** @description ISO 8601; when the page was last fetched. */
            fetchedAt: string | null;
            /** @description ISO 8601; after this the preview is refreshed (ready) or retried (failed). */
            expiresAt: string | null;
        };
        PreviewRequestDto: {
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
             * @description An http(s) URL to POST the preview to once it is ready or failed (at once if it already is),
             *     signed with the Unfurl-Signature header. Needs WEBHOOK_SECRET on the server.
             * @example https://example.com/hooks/unfurl
             */
            callbackUrl?: string;
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
                /** @description The page to preview: an absolute http(s) URL. */
                url: string;
                /**
                 * @description Milliseconds to hold the request until the preview is ready (capped by the server's WAIT_MAX_MS);
                 *     0 or absent answers at once, with 202 while the preview is pending.
                 */
                wait?: number;
                /**
                 * @description An http(s) URL to POST the preview to once it is ready or failed (at once if it already is),
                 *     signed with the Unfurl-Signature header. Needs WEBHOOK_SECRET on the server.
                 */
                callbackUrl?: string;
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                    "application/problem+json": components["schemas"]["PreviewDto"];
                };
            };
            /** @description The preview is pending: poll the Location, after Retry-After seconds. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                    "application/problem+json": components["schemas"]["PreviewDto"];
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
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                    "application/problem+json": components["schemas"]["PreviewDto"];
                };
            };
            /** @description The preview is pending: poll the Location, after Retry-After seconds. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                    "application/problem+json": components["schemas"]["PreviewDto"];
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PreviewDto"];
                    "application/problem+json": components["schemas"]["PreviewDto"];
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
            /** @description `event: status` with `data:` a Preview as JSON, until it is ready or failed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
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
                    "application/problem+json": components["schemas"]["BatchDto"];
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
                    "application/problem+json": components["schemas"]["BatchDto"];
                };
            };
        };
    };
}
