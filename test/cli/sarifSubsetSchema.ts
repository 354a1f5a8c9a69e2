// What GitHub code scanning requires of a SARIF 2.1.0 upload (docs.github.com "SARIF support for code
// scanning": version, runs[].tool.driver.name, rules with id, results with message.text, ruleId and a
// physical location with artifactLocation.uri and a 1-based region), as a JSON Schema for ajv.
export const SARIF_SUBSET_SCHEMA = {
  type: 'object',
  required: ['version', 'runs', '$schema'],
  properties: {
    version: { const: '2.1.0' },
    $schema: { type: 'string', pattern: 'sarif-2\\.1\\.0' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name', 'rules'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  version: { type: 'string' },
                  informationUri: { type: 'string', pattern: '^https?://' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      // helpUri is optional in a SARIF 2.1.0 reportingDescriptor; the CLI leaves it out while the repository URL is a placeholder.
                      required: ['id', 'shortDescription', 'fullDescription', 'help', 'defaultConfiguration'],
                      properties: {
                        id: { type: 'string', minLength: 1 },
                        name: { type: 'string' },
                        shortDescription: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } },
                        fullDescription: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } },
                        helpUri: { type: 'string', pattern: '^https?://' },
                        help: { type: 'object', required: ['text'], properties: { text: { type: 'string' }, markdown: { type: 'string' } } },
                        defaultConfiguration: { type: 'object', properties: { level: { enum: ['none', 'note', 'warning', 'error'] } } },
                        properties: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' } } } },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ruleId', 'message', 'locations', 'level'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: 0 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } },
                locations: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    required: ['physicalLocation'],
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        required: ['artifactLocation', 'region'],
                        properties: {
                          artifactLocation: { type: 'object', required: ['uri'], properties: { uri: { type: 'string', minLength: 1 }, index: { type: 'integer' } } },
                          region: {
                            type: 'object',
                            required: ['startLine'],
                            properties: {
                              startLine: { type: 'integer', minimum: 1 },
                              startColumn: { type: 'integer', minimum: 1 },
                              endLine: { type: 'integer', minimum: 1 },
                              endColumn: { type: 'integer', minimum: 1 },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
