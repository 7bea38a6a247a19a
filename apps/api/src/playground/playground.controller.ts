import { Controller, Get, Header, type OnModuleInit } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { readPlaygroundFiles, type PlaygroundFiles } from './playground-files';

/** The playground at `/`: paste a URL, see its card and the raw JSON. Open to all; its API calls are not. */
@Public()
@ApiExcludeController()
@Controller()
export class PlaygroundController implements OnModuleInit {
  private files: PlaygroundFiles;

  async onModuleInit(): Promise<void> {
    this.files = await readPlaygroundFiles();
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return this.files.html;
  }

  @Get('playground/playground.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    return this.files.script;
  }

  @Get('playground/playground.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  styles(): string {
    return this.files.styles;
  }
}
