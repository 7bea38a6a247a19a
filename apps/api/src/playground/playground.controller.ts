import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { playgroundCss } from './playground-css';
import { playgroundHtml } from './playground-html';
import { playgroundJs } from './playground-js';

/** The playground at `/`: paste a URL, see its card and the raw JSON. Open to all; its API calls are not. */
@Public()
@ApiExcludeController()
@Controller()
export class PlaygroundController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return playgroundHtml;
  }

  @Get('playground/playground.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    return playgroundJs;
  }

  @Get('playground/playground.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  styles(): string {
    return playgroundCss;
  }
}
