import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export interface OpenApiOptions {
  name: string;
  version?: string;
  description?: string;
}

/** The OpenAPI document at `/docs-json` and its UI at `/docs`. */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): void {
  const config = new DocumentBuilder()
    .setTitle(`Stepwell ${options.name}`)
    .setDescription(
      options.description ??
        `The ${options.name} service of Stepwell. Errors are RFC 9457 problem details (application/problem+json).`,
    )
    .setVersion(options.version ?? '0.1.0')
    // Every endpoint but health, readiness and these docs needs a bearer token; controllers say so with @ApiBearerAuth().
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: 'docs-json',
    yamlDocumentUrl: 'docs-yaml',
  });
}
