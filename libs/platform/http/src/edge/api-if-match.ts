import { ApiHeader } from '@nestjs/swagger';

/** OpenAPI for a route that takes If-Match through `runCommandCall`: optional, a stale one is 412 and writes nothing. */
export function ApiIfMatch(): MethodDecorator & ClassDecorator {
  return ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The ETag you read (a quoted revision such as "3"); a stale one is refused with 412 and nothing is written.',
  });
}
