import type { Page } from 'playwright-core';

/** Keeps what the page exchanged with the Playground (websocket frames, non-GET requests, console) for a failure report. */
export class PageRecorder {
  private readonly lines: string[] = [];

  constructor(
    page: Page,
    private readonly max = 400,
  ) {
    page.on('websocket', (ws) => {
      ws.on('framereceived', (frame) => this.add(`ws<- ${String(frame.payload)}`));
      ws.on('framesent', (frame) => this.add(`ws-> ${String(frame.payload)}`));
    });
    page.on('request', (request) => {
      if (request.method() !== 'GET') this.add(`${request.method()} ${request.url()} ${request.postData() ?? ''}`);
    });
    page.on('console', (message) => this.add(`console.${message.type()} ${message.text()}`));
    page.on('popup', (popup) => this.add(`popup ${popup.url()}`));
  }

  text(): string {
    return this.lines.join('\n');
  }

  private add(line: string): void {
    this.lines.push(`${new Date().toISOString()} ${line}`);
    if (this.lines.length > this.max) this.lines.shift();
  }
}
